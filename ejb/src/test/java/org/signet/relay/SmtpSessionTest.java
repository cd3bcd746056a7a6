package org.signet.relay;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay's SMTP conversation, as a client's script meets it: nothing relayed without a login, whole messages only. */
class SmtpSessionTest {

    /** What the relay was handed, and logs in "billing" with "secret" only. */
    private static final class Recorded implements SmtpSession.Relay<String> {
        final List<String> delivered = new ArrayList<>();
        int logIns;

        @Override
        public String logIn(String name, char[] password) {
            logIns++;
            return name.equals("billing") && new String(password).equals("secret") ? name : null;
        }

        @Override
        public SmtpSession.Reply deliver(String who, String from, List<String> to, byte[] message) {
            delivered.add(who + "|" + from + "|" + to + "|" + new String(message, StandardCharsets.US_ASCII));
            return new SmtpSession.Reply(250, "2.0.0 sealed and passed on");
        }
    }

    private static String plain(String name, String password) {
        return Base64.getEncoder().encodeToString(("\0" + name + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> talk(Recorded relay, boolean logInAllowed, long max, String... lines) throws Exception {
        String script = String.join("\r\n", lines) + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmtpSession<>(new ByteArrayInputStream(script.getBytes(StandardCharsets.US_ASCII)), out, "signet", logInAllowed, max, relay).serve();
        return List.of(out.toString(StandardCharsets.US_ASCII).split("\r\n"));
    }

    @Test
    void aLoggedInClientsMessageIsRelayedWholeWithItsDotsUnstuffed() throws Exception {
        Recorded relay = new Recorded();
        List<String> replies = talk(relay, true, 10_000, "EHLO billing.example", "MAIL FROM:<billing@example.org>",
                "AUTH PLAIN " + plain("billing", "wrong"), "AUTH PLAIN " + plain("billing", "secret"),
                "MAIL FROM:<billing@example.org> SIZE=300", "RCPT TO:<customer@example.com>", "RCPT TO:<archive@example.org>", "DATA",
                "From: billing@example.org", "Subject: Invoice", "", "Total: 12.00", "..a line that began with a dot", ".", "QUIT");
        assertEquals("220 signet Signet mail relay ESMTP", replies.get(0));
        assertTrue(replies.contains("250-AUTH PLAIN LOGIN") && replies.contains("250-SIZE 10000"), replies.toString());
        assertTrue(replies.get(6).startsWith("530 5.7.0"), "no sender before a login: " + replies);
        assertTrue(replies.get(7).startsWith("535 5.7.8"), replies.toString());
        assertTrue(replies.get(8).startsWith("235 2.7.0"), replies.toString());
        assertEquals(List.of("250 2.1.0 OK", "250 2.1.5 OK", "250 2.1.5 OK"), replies.subList(9, 12));
        assertTrue(replies.get(12).startsWith("354"), replies.toString());
        assertEquals("250 2.0.0 sealed and passed on", replies.get(13));
        assertTrue(replies.get(14).startsWith("221"), replies.toString());
        assertEquals(List.of("billing|billing@example.org|[customer@example.com, archive@example.org]|From: billing@example.org\r\n"
                + "Subject: Invoice\r\n\r\nTotal: 12.00\r\n.a line that began with a dot\r\n"), relay.delivered);
    }

    @Test
    void authLoginAsksForTheNameAndPasswordInTurn() throws Exception {
        Recorded relay = new Recorded();
        List<String> replies = talk(relay, true, 10_000, "EHLO x", "AUTH LOGIN",
                Base64.getEncoder().encodeToString("billing".getBytes(StandardCharsets.US_ASCII)),
                Base64.getEncoder().encodeToString("secret".getBytes(StandardCharsets.US_ASCII)), "AUTH LOGIN", "QUIT");
        List<String> after = replies.subList(replies.indexOf("250 ENHANCEDSTATUSCODES") + 1, replies.size());
        assertEquals(List.of("334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6", "235 2.7.0 logged in", "503 5.5.1 already logged in",
                "221 2.0.0 signet closing"), after);
    }

    @Test
    void withoutAPlaceForPasswordsNothingIsOfferedTakenOrRelayed() throws Exception {
        Recorded relay = new Recorded();
        List<String> replies = talk(relay, false, 10_000, "EHLO x", "AUTH PLAIN " + plain("billing", "secret"),
                "MAIL FROM:<a@example.org>", "QUIT");
        assertTrue(replies.stream().noneMatch(r -> r.startsWith("250") && r.contains("AUTH")), "no AUTH offered: " + replies);
        assertTrue(replies.stream().anyMatch(r -> r.startsWith("538 5.7.11")), replies.toString());
        assertTrue(replies.stream().anyMatch(r -> r.startsWith("530 5.7.0")), replies.toString());
        assertEquals(0, relay.logIns, "the password was not even looked at");
    }

    @Test
    void aMessageLargerThanAllowedIsRefusedWholeAndNeverRelayed() throws Exception {
        Recorded relay = new Recorded();
        String line = "x".repeat(70);
        List<String> replies = talk(relay, true, 200, "EHLO x", "AUTH PLAIN " + plain("billing", "secret"),
                "MAIL FROM:<a@example.org> SIZE=99999999999999999999", "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.org>", "DATA",
                "From: a@example.org", "", line, line, line, line, ".", "MAIL FROM:<a@example.org>", "QUIT");
        assertTrue(replies.stream().anyMatch(r -> r.startsWith("552 5.3.4")), replies.toString());
        assertEquals(2, replies.stream().filter(r -> r.startsWith("552 5.3.4")).count(), "SIZE too large, then DATA too large: " + replies);
        assertTrue(relay.delivered.isEmpty());
        assertTrue(replies.get(replies.size() - 2).startsWith("250 2.1.0"), "the conversation goes on, with a new message: " + replies);
    }

    @Test
    void threeFailedLoginsEndTheConnection() throws Exception {
        Recorded relay = new Recorded();
        List<String> replies = talk(relay, true, 10_000, "EHLO x", "AUTH PLAIN " + plain("billing", "a"),
                "AUTH PLAIN " + plain("billing", "b"), "AUTH PLAIN " + plain("billing", "c"), "AUTH PLAIN " + plain("billing", "secret"));
        assertTrue(replies.get(replies.size() - 1).startsWith("421 4.7.0"), replies.toString());
        assertEquals(3, relay.logIns, "the fourth attempt was not read");
    }

    @Test
    void anAuthorisationIdentityOtherThanTheLoginIsRefused() throws Exception {
        Recorded relay = new Recorded();
        String actingForAnother = Base64.getEncoder().encodeToString("admin\0billing\0secret".getBytes(StandardCharsets.UTF_8));
        List<String> replies = talk(relay, true, 10_000, "EHLO x", "AUTH PLAIN " + actingForAnother, "QUIT");
        assertTrue(replies.stream().anyMatch(r -> r.startsWith("501 5.5.2")), replies.toString());
        assertEquals(0, relay.logIns);
    }
}
