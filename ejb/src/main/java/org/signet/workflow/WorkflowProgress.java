package org.signet.workflow;

import java.util.List;

/** A workflow and its steps as they stand, for the faces to describe. */
public record WorkflowProgress(Workflow workflow, List<WorkflowStep> steps) {

    /** Whom the workflow waits for: signers, and "group:NAME" for a step any member of a group signs; none once it has ended. */
    public List<String> waitingFor() {
        return steps.stream().filter(s -> s.state() == WorkflowStep.State.PENDING).map(WorkflowStep::signerOrGroup).toList();
    }
}
