package org.signet.relay;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The SMTP relay's settings, from system properties, checked when the server starts (a wrong one stops the deployment
 * naming the property). No {@value #PORT}: no relay.
 *
 * @param port           the port it listens on
 * @param address        the address it listens on; loopback unless an admin names another
 * @param seal           the seal every relayed mail is sealed with (its authorisations say which clients may relay)
 * @param level          the CAdES level of the S/MIME signature; null: B, as for a request that names none
 * @param plainAnywhere  whether clients may log in over plain SMTP from other hosts ({@code signet.plain-http=allow}, as
 *                       for HTTP: a TLS-terminating proxy in front); otherwise only from loopback addresses
 * @param maxSessions    how many clients it serves at once; one more is told to come back later
 * @param maxMessageBytes the largest message it takes
 */
public record MailRelaySettings(int port, InetAddress address, String seal, String level, boolean plainAnywhere, int maxSessions,
                                long maxMessageBytes) {

    public static final String PORT = "signet.relay.port";
    public static final String ADDRESS = "signet.relay.address";
    public static final String SEAL = "signet.relay.seal";
    public static final String LEVEL = "signet.relay.level";
    public static final String SESSIONS = "signet.relay.sessions";
    /** Shared with the HTTP guard: where credentials may travel unencrypted. */
    public static final String PLAIN = "signet.plain-http";

    /** @return null when no relay is configured */
    public static MailRelaySettings read(UnaryOperator<String> properties, long maxDocumentBytes) {
        String port = blankToNull(properties.apply(PORT));
        if (port == null) {
            return null;
        }
        int number = number(port, PORT, 1, 65535);
        String seal = blankToNull(properties.apply(SEAL));
        if (seal == null) {
            throw new IllegalArgumentException(SEAL + " must name the seal relayed mails are sealed with, since " + PORT + " is set");
        }
        String addressText = blankToNull(properties.apply(ADDRESS));
        InetAddress address;
        try {
            address = addressText == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(addressText);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ADDRESS + " must be an address of this server, not '" + addressText + "'");
        }
        String level = blankToNull(properties.apply(LEVEL));
        if (level != null && !level.toUpperCase(Locale.ROOT).matches("B|T|LT|LTA")) {
            throw new IllegalArgumentException(LEVEL + " must be B, T, LT or LTA, not '" + level + "'");
        }
        String sessions = blankToNull(properties.apply(SESSIONS));
        String plain = blankToNull(properties.apply(PLAIN));
        if (plain != null && !plain.equals("loopback") && !plain.equals("allow")) {
            throw new IllegalArgumentException(PLAIN + " must be 'loopback' or 'allow', not '" + plain + "'");
        }
        return new MailRelaySettings(number, address, seal.strip(), level == null ? null : level.toUpperCase(Locale.ROOT),
                "allow".equals(plain), sessions == null ? 16 : number(sessions, SESSIONS, 1, 256), maxDocumentBytes);
    }

    private static int number(String text, String property, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(property + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
