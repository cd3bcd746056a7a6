package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.primefaces.model.file.UploadedFile;
import org.signet.workflow.WorkflowProgress;
import org.signet.workflow.WorkflowTemplate;
import org.signet.workflow.WorkflowTemplates;
import org.signet.workflow.Workflows;

import java.util.List;

/**
 * Starts a workflow from the inbox page: a PDF, its signers in order (user names, "group:NAME" for any one member of a
 * group, "all:NAME" for every member, separated by commas), optionally the
 * empty signature fields they sign into (in the same order), a one-time code asked of every signer, and who receives
 * the signed PDF. The workflow service checks all of it, as for the API.
 */
@Named
@RequestScoped
public class StartWorkflow {

    @EJB
    private Workflows workflows;
    @EJB
    private WorkflowTemplates templates;

    private List<String> startable;
    private String template;
    private UploadedFile document;
    private final WrittenSteps steps = new WrittenSteps();

    public String start() {
        if (document == null || document.getSize() == 0) {
            Pages.noFile("workflow.noFile");
            return null;
        }
        if (template != null && !template.isBlank()) {
            return opened(Pages.read(() -> workflows.start(document.getContent(), document.getFileName(), template), null));
        }
        return opened(Pages.read(() -> workflows.start(document.getContent(), document.getFileName(), steps.plan()), null));
    }

    private static String opened(WorkflowProgress started) {
        return started == null ? null : "/console/workflow.xhtml?faces-redirect=true&id=" + started.workflow().id();
    }

    /** The names of the templates the user may start. */
    public List<String> getTemplates() {
        if (startable == null) {
            startable = Pages.read(() -> templates.startable().stream().map(WorkflowTemplate::name).toList(), List.of());
        }
        return startable;
    }

    public String getTemplate() { return template; }

    public void setTemplate(String template) { this.template = template; }

    public UploadedFile getDocument() { return document; }

    public void setDocument(UploadedFile document) { this.document = document; }

    public WrittenSteps getSteps() { return steps; }
}
