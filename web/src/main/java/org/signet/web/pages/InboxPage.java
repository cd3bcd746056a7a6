package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.signet.api.WorkflowDescription;
import org.signet.workflow.Workflows;

import java.util.List;

/** The signed-in user's workflows: what waits for the user's signature, and the others the user started or signs in. */
@Named
@RequestScoped
public class InboxPage {

    @EJB
    private Workflows workflows;

    private List<WorkflowDescription> all;

    private List<WorkflowDescription> all() {
        if (all == null) {
            all = Pages.read(() -> workflows.inbox().stream().map(WorkflowDescription::of).toList(), List.of());
        }
        return all;
    }

    public List<WorkflowDescription> getWaiting() {
        String me = me();
        return all().stream().filter(w -> me.equals(w.waitingFor())).toList();
    }

    public List<WorkflowDescription> getOthers() {
        String me = me();
        return all().stream().filter(w -> !me.equals(w.waitingFor())).toList();
    }

    private static String me() {
        return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
    }
}
