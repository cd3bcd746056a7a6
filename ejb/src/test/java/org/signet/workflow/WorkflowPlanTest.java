package org.signet.workflow;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkflowPlanTest {

    @Test
    void stepsAreWrittenAsUsersAnyOneOfAGroupOrAllOfIt() {
        assertEquals(new WorkflowPlan.Step("alice", null, null, "Buyer", true, null, null, null), WorkflowPlan.Step.written(" alice ", "Buyer", true, null));
        assertEquals(new WorkflowPlan.Step(null, "finance", false, null, false, 3, null, null), WorkflowPlan.Step.written("group:finance", null, false, 3));
        assertEquals(new WorkflowPlan.Step(null, "board", true, null, false, null, null, null), WorkflowPlan.Step.written("all:board", null, false, null));
        assertEquals(new WorkflowPlan.Step("bob", null, null, null, false, null, "carol", "invoices"),
                WorkflowPlan.Step.written("bob", null, false, null, "carol", "invoices"));
    }
}
