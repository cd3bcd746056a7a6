package org.signet.security;

import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.authz.Attributes;

import java.util.Set;

/**
 * How the caller of the current request proved who it is, as Signet's Elytron realm recorded it on the identity:
 * {@code password}, {@code token} (issued by Signet), {@code oauth2} (an OpenID provider's access token, with the
 * scopes it granted) or {@code certificate} (a registered TLS client certificate). The attribute names are those of {@code org.signet.elytron.SignetRealm}.
 */
public record CallerProof(String method, Set<String> scopes) {

    private static final CallerProof UNKNOWN = new CallerProof("unknown", Set.of());

    public static CallerProof current() {
        SecurityDomain domain = SecurityDomain.getCurrent();
        SecurityIdentity identity = domain == null ? null : domain.getCurrentSecurityIdentity();
        if (identity == null) {
            return UNKNOWN;
        }
        Attributes attributes = identity.getAttributes();
        Attributes.Entry method = attributes.get("Authentication");
        return method.isEmpty() ? UNKNOWN : new CallerProof(method.get(0), Set.copyOf(attributes.get("Scopes")));
    }

    /** Whether the request logged in with a registered TLS client certificate. */
    public boolean byCertificate() {
        return "certificate".equals(method);
    }

    /** Whether the request came with an OpenID provider's access token that granted this scope. */
    public boolean grants(String scope) {
        return "oauth2".equals(method) && scopes.contains(scope);
    }

    /** What the request came with, for a refusal. */
    public String describe() {
        return switch (method) {
            case "oauth2" -> scopes.isEmpty() ? "an OAuth2 access token granting no scope"
                    : "an OAuth2 access token granting " + String.join(" ", scopes.stream().sorted().toList());
            case "password" -> "a password";
            case "token" -> "an access token issued by Signet";
            case "certificate" -> "a client certificate";
            default -> "credentials Signet cannot tell";
        };
    }
}
