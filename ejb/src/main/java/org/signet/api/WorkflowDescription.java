package org.signet.api;

import org.signet.workflow.Workflow;
import org.signet.workflow.WorkflowProgress;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A workflow as its initiator, its signers and admins see it: state running, completed, refused or expired; whom it
 * waits for (signers, "group:NAME" for any one member of a group); whether it waits for the caller's signature now; each step with its stage (steps of one stage wait at
 * the same time), signer or group, state (waiting, pending, signed, refused, expired, cancelled), deadline and the
 * refusal's reason.
 */
public record WorkflowDescription(String id, String documentName, String initiator, String state, String level, Instant started,
                                  Instant finished, String outcome, List<String> waitingFor, boolean yourTurn, List<Step> steps) {

    public record Step(int position, int stage, String signer, String group, String field, boolean oneTimeCode, String state,
                       Instant deadline, String escalateTo, String seal, Instant doneAt, String note, boolean linkOnly) { }

    public static WorkflowDescription of(WorkflowProgress progress) {
        Workflow workflow = progress.workflow();
        return new WorkflowDescription(workflow.id(), workflow.documentName(), workflow.initiator(), lower(workflow.state()),
                workflow.level().name(), workflow.started(), workflow.finished(), workflow.outcome(), progress.waitingFor(), progress.callersTurn(),
                progress.steps().stream().map(s -> new Step(s.position(), s.stage(), s.signer(), s.group(), s.field(), s.oneTimeCodeRequired(),
                        lower(s.state()),
                        s.deadline(), s.escalateTo(), s.seal(), s.doneAt(), s.note(), s.linkOnly())).toList());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
