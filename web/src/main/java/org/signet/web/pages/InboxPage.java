package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
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

    /** The running workflows waiting for the user's signature (as a signer, or as a member of a step's group). */
    public List<WorkflowDescription> getWaiting() {
        return all().stream().filter(WorkflowDescription::yourTurn).toList();
    }

    public List<WorkflowDescription> getOthers() {
        return all().stream().filter(w -> !w.yourTurn()).toList();
    }

    /** Whom a workflow waits for, as the page shows it. */
    public String waitingFor(WorkflowDescription workflow) {
        return String.join(", ", workflow.waitingFor());
    }
}
