package org.signet.workflow;

import java.util.List;

/** A workflow and its steps as they stand, for the faces to describe. */
public record WorkflowProgress(Workflow workflow, List<WorkflowStep> steps) {

    /** Whom the workflow waits for; none once it has ended. */
    public String waitingFor() {
        return steps.stream().filter(s -> s.state() == WorkflowStep.State.PENDING).map(WorkflowStep::signer).findFirst().orElse(null);
    }
}
