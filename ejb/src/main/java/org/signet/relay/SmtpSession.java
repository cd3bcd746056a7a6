package org.signet.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client's SMTP conversation (RFC 5321 with AUTH PLAIN and LOGIN, RFC 4954; SIZE, RFC 1870; 8BITMIME): it must log in
 * before it names a sender, and each message it hands over is given to the {@link Relay} whole, answered with what
 * became of it. Nothing is kept: a message is either passed on (250) or refused (4xx: try again; 5xx: do not), so the
 * client's own queue keeps it until Signet has taken it. Passwords are never written anywhere.
 *
 * @param <I> the identity a login yields
 */
final class SmtpSession<I> {

    /** What the relay does with a login and with a message. */
    interface Relay<I> {

        /** The identity, or null when the name and password are not right. */
        I logIn(String name, char[] password);

        /** Seals and passes on the message; the reply says how that went. */
        Reply deliver(I who, String from, List<String> to, byte[] message);
    }

    record Reply(int code, String text) {

        String line() {
            return code + " " + text;
        }
    }

    /** RFC 5321 §4.5.3.1.4: 512 octets a command line; AUTH's initial response may be longer. */
    private static final int LONGEST_COMMAND = 2048;
    /** RFC 5321 §4.5.3.1.6: 1000 octets a text line; a little slack for clients that fold late. */
    private static final int LONGEST_TEXT_LINE = 4096;
    private static final int MOST_RECIPIENTS = 100;
    private static final int MOST_FAILED_LOGINS = 3;
    private static final Pattern PATH = Pattern.compile("(?i)(?:FROM|TO):\\s*<([^<>\\s]*)>(.*)");
    private static final Pattern SIZE = Pattern.compile("(?i)\\bSIZE=(\\d+)\\b");

    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final boolean logInAllowed;
    private final long maxMessageBytes;
    private final Relay<I> relay;

    private I who;
    private int failedLogins;
    private String from;
    private final List<String> to = new ArrayList<>();

    /**
     * @param logInAllowed whether this connection may carry a password (loopback, or plain SMTP allowed everywhere);
     *                     without it AUTH is neither offered nor taken, and so nothing is relayed
     */
    SmtpSession(InputStream in, OutputStream out, String host, boolean logInAllowed, long maxMessageBytes, Relay<I> relay) {
        this.in = in;
        this.out = out;
        this.host = host;
        this.logInAllowed = logInAllowed;
        this.maxMessageBytes = maxMessageBytes;
        this.relay = relay;
    }

    /** Talks with the client until it quits, the connection ends, or it has failed to log in too often. */
    void serve() throws IOException {
        reply(220, host + " Signet mail relay ESMTP");
        while (true) {
            byte[] raw = line(LONGEST_COMMAND);
            if (raw == null) {
                return;
            }
            if (raw.length > LONGEST_COMMAND) {
                reply(500, "5.5.2 line too long");
                continue;
            }
            String line = new String(raw, StandardCharsets.US_ASCII);
            String verb = (line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line).toUpperCase(Locale.ROOT);
            String argument = line.contains(" ") ? line.substring(line.indexOf(' ') + 1).strip() : "";
            switch (verb) {
                case "EHLO" -> ehlo();
                case "HELO" -> reply(250, host);
                case "AUTH" -> {
                    if (!auth(argument)) {
                        return;
                    }
                }
                case "MAIL" -> mail(argument);
                case "RCPT" -> rcpt(argument);
                case "DATA" -> data();
                case "RSET" -> {
                    reset();
                    reply(250, "2.0.0 OK");
                }
                case "NOOP" -> reply(250, "2.0.0 OK");
                case "VRFY" -> reply(252, "2.5.0 cannot verify a user, but will relay a message sent with AUTH");
                case "QUIT" -> {
                    reply(221, "2.0.0 " + host + " closing");
                    return;
                }
                default -> reply(502, "5.5.1 command not implemented");
            }
        }
    }

    private void ehlo() throws IOException {
        reset();
        List<String> lines = new ArrayList<>(List.of(host, "SIZE " + maxMessageBytes, "8BITMIME"));
        if (logInAllowed) {
            lines.add("AUTH PLAIN LOGIN");
        }
        lines.add("ENHANCEDSTATUSCODES");
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            reply.append(250).append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i)).append("\r\n");
        }
        write(reply.toString());
    }

    /** @return false when the connection is to end (too many failed logins) */
    private boolean auth(String argument) throws IOException {
        if (!logInAllowed) {
            reply(538, "5.7.11 a password is taken only from this server itself, or over TLS (signet.plain-http)");
            return true;
        }
        if (who != null) {
            reply(503, "5.5.1 already logged in");
            return true;
        }
        String[] parts = argument.split(" ", 2);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        String name;
        char[] password;
        if (mechanism.equals("PLAIN")) {
            String response = parts.length > 1 ? parts[1] : challenge("");
            byte[] decoded = decoded(response);
            if (decoded == null) {
                return true;
            }
            // authorization identity NUL authentication identity NUL password; acting for another is not offered
            String[] fields = new String(decoded, StandardCharsets.UTF_8).split("\0", -1);
            Arrays.fill(decoded, (byte) 0);
            if (fields.length != 3 || (!fields[0].isEmpty() && !fields[0].equals(fields[1]))) {
                reply(501, "5.5.2 PLAIN takes an empty or equal authorization identity, a name and a password");
                return true;
            }
            name = fields[1];
            password = fields[2].toCharArray();
        } else if (mechanism.equals("LOGIN")) {
            byte[] user = decoded(parts.length > 1 ? parts[1] : challenge("VXNlcm5hbWU6"));
            if (user == null) {
                return true;
            }
            byte[] secret = decoded(challenge("UGFzc3dvcmQ6"));
            if (secret == null) {
                return true;
            }
            name = new String(user, StandardCharsets.UTF_8);
            password = new String(secret, StandardCharsets.UTF_8).toCharArray();
            Arrays.fill(secret, (byte) 0);
        } else {
            reply(504, "5.5.4 AUTH takes PLAIN or LOGIN");
            return true;
        }
        try {
            who = name.isEmpty() ? null : relay.logIn(name, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (who != null) {
            reply(235, "2.7.0 logged in");
            return true;
        }
        if (++failedLogins >= MOST_FAILED_LOGINS) {
            reply(421, "4.7.0 too many failed logins; closing");
            return false;
        }
        reply(535, "5.7.8 the name or password is not right");
        return true;
    }

    private String challenge(String text) throws IOException {
        reply(334, text);
        byte[] response = line(LONGEST_COMMAND);
        return response == null ? "*" : new String(response, StandardCharsets.US_ASCII);
    }

    /** The base64 response, or null (answered) when it is a cancellation or no base64. */
    private byte[] decoded(String response) throws IOException {
        if (response.equals("*")) {
            reply(501, "5.0.0 login cancelled");
            return null;
        }
        try {
            return Base64.getDecoder().decode(response.strip());
        } catch (IllegalArgumentException e) {
            reply(501, "5.5.2 the response is not base64");
            return null;
        }
    }

    private void mail(String argument) throws IOException {
        if (who == null) {
            reply(530, "5.7.0 log in first (AUTH): only Signet's users relay mail, each as the seal authorises them");
            return;
        }
        if (from != null) {
            reply(503, "5.5.1 a sender is named already");
            return;
        }
        Matcher path = PATH.matcher(argument);
        if (!argument.regionMatches(true, 0, "FROM:", 0, 5) || !path.matches()) {
            reply(501, "5.5.4 MAIL takes FROM:<address>");
            return;
        }
        Matcher size = SIZE.matcher(path.group(2));
        if (size.find() && new java.math.BigInteger(size.group(1)).compareTo(java.math.BigInteger.valueOf(maxMessageBytes)) > 0) {
            reply(552, "5.3.4 the message is larger than the " + maxMessageBytes + " bytes this relay takes");
            return;
        }
        from = path.group(1);
        reply(250, "2.1.0 OK");
    }

    private void rcpt(String argument) throws IOException {
        if (from == null) {
            reply(503, "5.5.1 name the sender first (MAIL)");
            return;
        }
        Matcher path = PATH.matcher(argument);
        if (!argument.regionMatches(true, 0, "TO:", 0, 3) || !path.matches() || path.group(1).indexOf('@') < 1) {
            reply(501, "5.1.3 RCPT takes TO:<mailbox@domain>");
            return;
        }
        if (to.size() >= MOST_RECIPIENTS) {
            reply(452, "4.5.3 at most " + MOST_RECIPIENTS + " recipients a message");
            return;
        }
        to.add(path.group(1));
        reply(250, "2.1.5 OK");
    }

    private void data() throws IOException {
        if (to.isEmpty()) {
            reply(503, "5.5.1 name the recipients first (RCPT)");
            return;
        }
        reply(354, "end the message with <CR><LF>.<CR><LF>");
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean tooLarge = false;
        boolean lineTooLong = false;
        while (true) {
            byte[] text = line(LONGEST_TEXT_LINE);
            if (text == null) {
                throw new IOException("the connection ended inside a message");
            }
            if (text.length == 1 && text[0] == '.') {
                break;
            }
            lineTooLong |= text.length > LONGEST_TEXT_LINE;
            int skip = text.length > 0 && text[0] == '.' ? 1 : 0; // dot-stuffing, RFC 5321 §4.5.2
            if (!tooLarge && message.size() + text.length + 2 > maxMessageBytes) {
                tooLarge = true;
                message = new ByteArrayOutputStream(); // what is read on is dropped
            }
            if (!tooLarge) {
                message.write(text, skip, text.length - skip);
                message.write('\r');
                message.write('\n');
            }
        }
        try {
            if (tooLarge) {
                reply(552, "5.3.4 the message is larger than the " + maxMessageBytes + " bytes this relay takes");
                return;
            }
            if (lineTooLong) {
                reply(554, "5.6.0 a line of the message is longer than " + LONGEST_TEXT_LINE + " bytes; RFC 5322 allows 998");
                return;
            }
            Reply reply = relay.deliver(who, from, List.copyOf(to), message.toByteArray());
            reply(reply.code(), reply.text());
        } finally {
            reset();
        }
    }

    private void reset() {
        from = null;
        to.clear();
    }

    /**
     * One line without its CRLF (a bare LF ends one too); null at the end of the stream. A line longer than
     * {@code longest} is read to its end and answered as one byte longer than that, never held whole.
     */
    private byte[] line(int longest) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean over = false;
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 && !over ? null : line.toByteArray();
            }
            if (b == '\n') {
                break;
            }
            if (line.size() < longest + 1) {
                line.write(b);
            } else {
                over = true;
            }
        }
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' && !over ? bytes.length - 1 : bytes.length;
        return over ? Arrays.copyOf(bytes, longest + 1) : Arrays.copyOf(bytes, end);
    }

    private void reply(int code, String text) throws IOException {
        write(new Reply(code, text).line() + "\r\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
