package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.signet.workflow.WorkflowTemplate;
import org.signet.workflow.WorkflowTemplates;

import java.util.List;

/**
 * Workflow templates (admin): the steps of a recurring workflow, written as on the inbox page ("alice, group:finance,
 * all:board"), their fields, a one-time code for each, the recipients and who may start it; deleted by name.
 */
@Named
@RequestScoped
public class WorkflowTemplatesPage {

    @EJB
    private WorkflowTemplates templates;

    private List<WorkflowTemplate> all;
    private String name;
    private String description;
    private final WrittenSteps steps = new WrittenSteps();
    private String starters;
    private String folder;
    private String callback;

    public List<WorkflowTemplate> getTemplates() {
        if (all == null) {
            all = Pages.read(templates::list, List.of());
        }
        return all;
    }

    /** A template's steps as the page writes them. */
    public String steps(WorkflowTemplate template) {
        return String.join(", ", template.plan().steps().stream().map(s -> (s.signer() != null ? s.signer()
                : (Boolean.TRUE.equals(s.all()) ? "all:" : "group:") + s.group()) + (s.field() == null ? "" : " → " + s.field())
                + (Boolean.TRUE.equals(s.oneTimeCode()) ? " (TOTP)" : "") + (s.seal() == null ? "" : " [" + s.seal() + "]")
                + (s.escalateTo() == null ? "" : " ⇢ " + s.escalateTo())).toList());
    }

    public void save() {
        all = null;
        if (Pages.attempt(() -> templates.put(name, description, steps.plan(), Pages.list(starters), folder, callback))) {
            Pages.info(Pages.text(FacesContext.getCurrentInstance(), "templates.saved") + ": " + name);
        }
    }

    public void delete(String template) {
        all = null;
        if (Pages.attempt(() -> templates.delete(template))) {
            Pages.info(Pages.text(FacesContext.getCurrentInstance(), "templates.deleted") + ": " + template);
        }
    }

    public String getName() { return name; }

    public void setName(String name) { this.name = name; }

    public String getDescription() { return description; }

    public void setDescription(String description) { this.description = description; }

    public WrittenSteps getSteps() { return steps; }

    public String getCallback() { return callback; }

    public void setCallback(String callback) { this.callback = callback; }

    public String getFolder() { return folder; }

    public void setFolder(String folder) { this.folder = folder; }

    public String getStarters() { return starters; }

    public void setStarters(String starters) { this.starters = starters; }
}
