package org.signet.workflow;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkflowStepTest {

    private static final Instant TURN = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void aSignerIsRemindedOnceHalfwayToTheDeadline() {
        WorkflowStep step = new WorkflowStep("w", 1, 1, "alice", null, null, false, 10);
        assertFalse(step.dueForReminder(TURN.plus(Duration.ofDays(6))), "not before its turn");
        step.pending(TURN.plus(Duration.ofDays(10)));
        assertFalse(step.dueForReminder(TURN.plus(Duration.ofDays(4))));
        assertTrue(step.dueForReminder(TURN.plus(Duration.ofDays(5)).plusSeconds(1)));
        step.reminded();
        assertFalse(step.dueForReminder(TURN.plus(Duration.ofDays(6))), "once");
    }

    @Test
    void aStepThatIsOverIsNotReminded() {
        WorkflowStep step = new WorkflowStep("w", 2, 2, null, "finance", "Seller", true, 2);
        step.pending(TURN.plus(Duration.ofDays(2)));
        step.done(WorkflowStep.State.SIGNED, null, TURN.plus(Duration.ofHours(1)));
        assertFalse(step.dueForReminder(TURN.plus(Duration.ofDays(1)).plusSeconds(1)));
    }
}
