package org.signet.workflow;

import java.util.List;

/**
 * A workflow to start: its signers in order, each signing into a named empty signature field (none: a new invisible
 * one), with a one-time code of their authenticator if {@code oneTimeCode}, within {@code days} of their turn (none:
 * 14); who receives the signed PDF at the end; the PAdES level of each signature (none: T).
 */
public record WorkflowPlan(List<Step> steps, List<String> recipients, String level) {

    public record Step(String signer, String field, Boolean oneTimeCode, Integer days) { }
}
