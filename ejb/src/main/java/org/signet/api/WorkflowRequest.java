package org.signet.api;

import org.signet.workflow.WorkflowPlan;

import java.util.List;

/**
 * A workflow to start: its steps in order, each a {@code signer} or a {@code group} (any one of its members, or with
 * {@code all} every member, in any order), signing into a named empty signature field (none: a new invisible one), with
 * a one-time code of their authenticator if {@code oneTimeCode}, within {@code days} of their turn (default 14), then
 * passed once to {@code escalateTo} (a user) for as many days again, or else the workflow ends; with a {@code seal} the
 * signer is authorised for instead of the signer's personal certificate; with {@code linkOnly} the mailed link alone
 * signs, from the networks the server configuration allows; who
 * receives the signed PDF at the end ({@code recipients}); the PAdES level each signature gets (default T).
 */
public record WorkflowRequest(List<Step> steps, List<String> recipients, String level) {

    public record Step(String signer, String group, Boolean all, String field, Boolean oneTimeCode, Integer days, String escalateTo,
                       String seal, Boolean linkOnly) {

        public WorkflowPlan.Step plan() {
            return new WorkflowPlan.Step(signer, group, all, field, oneTimeCode, days, escalateTo, seal, linkOnly);
        }

        public static Step of(WorkflowPlan.Step step) {
            return new Step(step.signer(), step.group(), step.all(), step.field(), step.oneTimeCode(), step.days(), step.escalateTo(),
                    step.seal(), step.linkOnly());
        }
    }

    public WorkflowPlan plan() {
        return plan(steps, recipients, level);
    }

    static WorkflowPlan plan(List<Step> steps, List<String> recipients, String level) {
        return new WorkflowPlan(steps == null ? null : steps.stream().map(s -> s == null ? null : s.plan()).toList(),
                recipients == null ? List.of() : recipients, level);
    }

    /** A signer declining to sign, and why. */
    public record Refusal(String reason) { }
}
