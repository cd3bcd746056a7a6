package org.signet.workflow;

import java.util.List;

/**
 * A workflow to start: its steps in order, each a named signer or a group (any one of its members, or with {@code all}
 * every member, in any order), signing into a named empty signature field (none: a new invisible one; not for all of a
 * group), with a one-time code of their authenticator if {@code oneTimeCode}, within {@code days} of their turn (none:
 * 14), after which the step passes once to {@code escalateTo} (a user) with as many days again, or else the workflow
 * ends; the {@code seal} the signer signs with (one the signer is authorised for; none: the signer's personal
 * certificate); with {@code linkOnly}, the mailed link alone signs (no sign-in), which the server allows only from the
 * networks of {@code signet.workflow.link-only-clients}; who receives the signed PDF at the end; the PAdES level of each
 * signature (none: T).
 */
public record WorkflowPlan(List<Step> steps, List<String> recipients, String level) {

    public record Step(String signer, String group, Boolean all, String field, Boolean oneTimeCode, Integer days, String escalateTo,
                       String seal, Boolean linkOnly) {

        public Step(String signer, String group, Boolean all, String field, Boolean oneTimeCode, Integer days, String escalateTo,
                    String seal) {
            this(signer, group, all, field, oneTimeCode, days, escalateTo, seal, null);
        }

        /** The same step, signed by its link alone or not. */
        public Step linkOnly(boolean value) {
            return new Step(signer, group, all, field, oneTimeCode, days, escalateTo, seal, value ? Boolean.TRUE : null);
        }

        public Step(String signer, String field, Boolean oneTimeCode, Integer days) {
            this(signer, null, null, field, oneTimeCode, days, null, null);
        }

        /** A step as people write it: "alice" (a user), "group:finance" (any one member), "all:board" (every member). */
        public static Step written(String who, String field, Boolean oneTimeCode, Integer days) {
            return written(who, field, oneTimeCode, days, null, null);
        }

        /** {@link #written(String, String, Boolean, Integer)}, passed to {@code escalateTo} at its deadline, signed with {@code seal}. */
        public static Step written(String who, String field, Boolean oneTimeCode, Integer days, String escalateTo, String seal) {
            String name = who.strip();
            if (name.startsWith("group:")) {
                return new Step(null, name.substring(6).strip(), false, field, oneTimeCode, days, escalateTo, seal);
            }
            if (name.startsWith("all:")) {
                return new Step(null, name.substring(4).strip(), true, field, oneTimeCode, days, escalateTo, seal);
            }
            return new Step(name, null, null, field, oneTimeCode, days, escalateTo, seal);
        }
    }
}
