package org.signet.workflow;

import java.util.List;

/**
 * A workflow and its steps as they stand, for the faces to describe, and whether it waits for the signature of the
 * caller who asked.
 */
public record WorkflowProgress(Workflow workflow, List<WorkflowStep> steps, boolean callersTurn) {

    static WorkflowProgress of(Workflow workflow, List<WorkflowStep> steps, String caller, List<String> callersGroups) {
        return new WorkflowProgress(workflow, steps, workflow.state() == Workflow.State.RUNNING
                && steps.stream().anyMatch(s -> s.waitsFor(caller, callersGroups)));
    }

    /** Whom the workflow waits for: signers, and "group:NAME" for a step any member of a group signs; none once it has ended. */
    public List<String> waitingFor() {
        return steps.stream().filter(s -> s.state() == WorkflowStep.State.PENDING).map(WorkflowStep::signerOrGroup).toList();
    }
}
