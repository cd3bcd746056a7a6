package org.signet.workflow;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkflowStepTest {

    private static final Instant TURN = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void aSignerIsRemindedOnceHalfwayToTheDeadline() {
        WorkflowStep step = new WorkflowStep("w", 1, 1, "alice", null, null, false, 10, null, null);
        assertFalse(step.dueForReminder(TURN.plus(Duration.ofDays(6))), "not before its turn");
        step.pending(TURN.plus(Duration.ofDays(10)));
        assertFalse(step.dueForReminder(TURN.plus(Duration.ofDays(4))));
        assertTrue(step.dueForReminder(TURN.plus(Duration.ofDays(5)).plusSeconds(1)));
        step.reminded();
        assertFalse(step.dueForReminder(TURN.plus(Duration.ofDays(6))), "once");
    }

    @Test
    void aStepThatIsOverIsNotReminded() {
        WorkflowStep step = new WorkflowStep("w", 2, 2, null, "finance", "Seller", true, 2, "bob", null);
        step.pending(TURN.plus(Duration.ofDays(2)));
        step.done(WorkflowStep.State.SIGNED, null, TURN.plus(Duration.ofHours(1)));
        assertFalse(step.dueForReminder(TURN.plus(Duration.ofDays(1)).plusSeconds(1)));
    }

    @Test
    void anEscalatedStepIsTheEscalationUsersWithANewDeadlineAndIsNotPassedOnAgain() {
        WorkflowStep step = new WorkflowStep("w", 2, 2, null, "finance", "Seller", false, 2, "bob", "company");
        step.pending(TURN.plus(Duration.ofDays(2)));
        step.reminded();
        step.escalate(TURN.plus(Duration.ofDays(4)), "group:finance did not sign step 2 within 2 days");
        assertTrue(step.waitsFor("bob", java.util.List.of()));
        assertFalse(step.waitsFor("carol", java.util.List.of("finance")), "the group no longer takes it");
        assertEquals(null, step.escalateTo());
        assertEquals(TURN.plus(Duration.ofDays(4)), step.deadline());
        assertTrue(step.dueForReminder(TURN.plus(Duration.ofDays(3)).plusSeconds(1)), "reminded again, halfway to the new deadline");
        step.done(WorkflowStep.State.SIGNED, null, TURN.plus(Duration.ofDays(3)));
        assertEquals("group:finance did not sign step 2 within 2 days", step.note(), "the signature keeps why bob signed");
    }
}
