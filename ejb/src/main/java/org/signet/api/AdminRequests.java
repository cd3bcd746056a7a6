package org.signet.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The bodies of the admin requests. Absent members take the service's defaults. */
public final class AdminRequests {

    private AdminRequests() { }

    /**
     * A user: kind "person" (default) or "process", password (a new process given none gets one made by Signet), roles;
     * on an existing user what is absent stays as it is.
     */
    /**
     * A workflow template: its steps, recipients, level, who may start it (users, "group:NAME"; none: every user), and the
     * folder a completed workflow's PDF is written to (under the hot-folder bases; none), and the URL told when a workflow
     * ends (one of {@code signet.workflow.callbacks}; none).
     */
    public record WorkflowTemplateUpdate(String description, List<WorkflowRequest.Step> steps, List<String> recipients, String level,
                                         List<String> starters, String folder, String callback) {

        public org.signet.workflow.WorkflowPlan plan() {
            return WorkflowRequest.plan(steps, recipients, level);
        }
    }

    public record UserUpdate(String password, Set<String> roles, String kind, String email) { }

    /** A personal certificate's subject (absent: CN=the user's name, O=the CA's organisation). */
    public record PersonalCertificateRequest(String subject) { }

    /** Whether a user may log in and sign. */
    public record UserEnabling(Boolean enabled) { }

    /**
     * A group: members (existing users), roles they hold as its members, and the directory group it mirrors (a
     * distinguished name, "" for none); on an existing group what is absent stays.
     */
    public record GroupUpdate(String description, String directoryGroup, Set<String> members, Set<String> roles) { }

    /**
     * A seal: subject defaults to CN=name under Signet's CA; keys ("token/alias") make a seal over existing keys; archive
     * (default true) enters what it signs into the archive; keepDocuments (default false) also keeps it whole there.
     */
    public record NewSeal(String description, Set<String> formats, String maxLevel, String subject, List<String> keys,
                          Boolean archive, Boolean keepDocuments) { }

    /** Whether what a seal signs enters the archive, and whether it is kept whole in the archive's store (absent: unchanged). */
    public record Archiving(Boolean archive, Boolean keepDocuments) { }

    /** Whether every request signing with a seal must carry the caller's one-time code: "totp" or "none". */
    public record SecondFactor(String secondFactor) { }

    /** The computers a seal signs for: addresses and networks ("10.1.0.0/16"); empty: any. */
    public record SealClients(List<String> clients) { }

    /** The scope an OAuth2 access token must grant to sign with a seal; none or blank lifts it. */
    public record SealTokenScope(String scope) { }

    /** Whether requests signing with a seal must log in with a TLS client certificate. */
    public record SealClientCertificate(Boolean required) { }

    /** When a seal signs for requests: days and times ("Mon-Fri 07:00-19:00") in a zone ("Europe/Berlin"); no hours: any time. */
    public record SealHours(String hours, String zone) { }

    /** A one-time code from the caller's authenticator. */
    public record OneTimeCode(String code) { }

    /**
     * A PKCS#11 token (library, slot, pin; mode MASS, activated by an admin's PIN for a period or a number of
     * signatures, or INDIVIDUAL); or a remote signature service (service, the CSC base URI, with account and password;
     * login "basic", the default, or "oauth2-client": account and password are then the OAuth 2.0 client ID and secret).
     */
    public record NewToken(String library, String slot, String pin, String mode, Integer activationSignatures,
                           String activationPeriod, String service, String login, String account, String password) { }

    /** A mass-signature card's PIN. */
    public record Activation(String pin) { }

    /** A key made inside a token: RSA 3072 and CN=alias by default. */
    public record NewKey(String algorithm, Integer keySize, String subject) { }

    /** How long and how often a key may sign. */
    public record KeyLimits(Long maxSignatures, Instant usableFrom, Instant usableUntil) { }
}
