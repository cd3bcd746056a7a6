package org.signet.model;

import java.util.regex.Pattern;

/** The one rule for names an admin gives (users, roles, seals, tokens, key aliases, hot folders). */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private Names() { }

    /** The name, when it is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit. */
    public static String require(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the " + what + " '" + value
                    + "' is not allowed: use 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        return value;
    }
}
