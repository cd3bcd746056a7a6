package org.signet.api;

import org.signet.workflow.WorkflowPlan;

import java.util.List;

/**
 * A workflow to start: its signers in order, each signing into a named empty signature field (none: a new invisible
 * one), with a one-time code of their authenticator if {@code oneTimeCode}, within {@code days} of their turn (default
 * 14); who receives the signed PDF at the end ({@code recipients}); the PAdES level each signature gets (default T).
 */
public record WorkflowRequest(List<Step> steps, List<String> recipients, String level) {

    public record Step(String signer, String field, Boolean oneTimeCode, Integer days) { }

    public WorkflowPlan plan() {
        return new WorkflowPlan(steps == null ? null : steps.stream().map(s -> s == null ? null
                : new WorkflowPlan.Step(s.signer(), s.field(), s.oneTimeCode(), s.days())).toList(), recipients, level);
    }

    /** A signer declining to sign, and why. */
    public record Refusal(String reason) { }
}
