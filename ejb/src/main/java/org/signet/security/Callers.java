package org.signet.security;

import jakarta.ejb.SessionContext;
import org.signet.model.SignetException;

/** The authenticated caller of a service, or a refusal: nothing in Signet runs for an anonymous caller. */
public final class Callers {

    private Callers() { }

    public static String name(SessionContext context) {
        String name = context.getCallerPrincipal() == null ? null : context.getCallerPrincipal().getName();
        if (name == null || name.isBlank() || "anonymous".equals(name)) {
            throw new SignetException(SignetException.Kind.NOT_AUTHENTICATED, "authentication is required");
        }
        return name;
    }
}
