package org.signet.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMTP relay (signet.relay.port=8194, seal demo): curl hands it a mail as a process logged in with its password; the
 * mail reaches each recipient at the tests' SMTP server sealed with S/MIME, and openssl verifies it against the demo CA.
 * Without a login, with a wrong password, or as a user the seal does not authorise, nothing is relayed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailRelayIT {

    private static final String RELAY = "smtp://127.0.0.1:8194";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    private static void process(String name, boolean authorised) {
        HttpResponse<byte[]> put = SignetServer.admin("PUT", "/signet/api/admin/users/" + name,
                "{\"kind\":\"process\",\"password\":\"" + name + "-password-1\",\"roles\":[\"signer\"]}");
        assertEquals(204, put.statusCode(), SignetServer.text(put));
        if (authorised) {
            assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/demo/users/" + name, null).statusCode());
        }
    }

    private OutsideVerifiers.Run curl(Path mail, String user, String... recipients) {
        List<String> command = new ArrayList<>(List.of("curl", "-v", "--url", RELAY, "--mail-from", "bounces@signet.test",
                "--upload-file", mail.toString()));
        for (String recipient : recipients) {
            command.addAll(List.of("--mail-rcpt", recipient));
        }
        if (user != null) {
            command.addAll(List.of("--user", user));
        }
        return OutsideVerifiers.run(command);
    }

    private Path invoice(String subject) throws Exception {
        String mail = "From: billing@signet.test\r\nTo: relay-customer@signet.test\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + subject.replace(' ', '-') + "@signet.test>\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nGr\u00fc\u00dfe, the amount due is 42 \u20ac.\r\n.a line that begins with a dot\r\n";
        return Files.write(dir.resolve(subject.replace(' ', '-') + ".eml"), mail.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aProcessHandsTheRelayAMailThatReachesEachRecipientSealed() throws Exception {
        process("relay-billing", true);
        OutsideVerifiers.Run sent = curl(invoice("Invoice 0815"), "relay-billing:relay-billing-password-1",
                "relay-customer@signet.test", "relay-archive@signet.test");
        assertEquals(0, sent.exitCode(), sent.output());
        assertTrue(sent.output().contains("250 2.0.0 sealed with seal 'demo' and passed on"), sent.output());

        for (String recipient : List.of("relay-customer@signet.test", "relay-archive@signet.test")) {
            Mailboxes.Mail arrived = Mailboxes.await(recipient, "Invoice 0815");
            assertTrue(arrived.text().contains("multipart/signed"), arrived.text());
            assertTrue(arrived.text().contains("Return-Path: <bounces@signet.test>"), "the client's envelope sender is kept: " + arrived.text());
            Path received = Files.write(dir.resolve("received.eml"), arrived.text().getBytes(StandardCharsets.ISO_8859_1));
            Path content = dir.resolve("content.txt");
            OutsideVerifiers.Run openssl = OutsideVerifiers.run(List.of("openssl", "smime", "-verify", "-in", received.toString(),
                    "-CAfile", SignetServer.demoCa().toString(), "-out", content.toString()));
            assertEquals(0, openssl.exitCode(), openssl.output() + arrived.text());
            assertTrue(openssl.output().contains("Verification successful"), openssl.output());
        }
        assertTrue(SignetServer.audited("\"actor\":\"relay-billing\"", "mail from bounces@signet.test.eml"),
                "the sealing is audited as the process's");
    }

    @Test
    void nothingIsRelayedWithoutALoginWithAWrongPasswordOrForAUserTheSealDoesNotAuthorise() throws Exception {
        process("relay-stranger", false);
        process("relay-known", true);
        Path mail = invoice("Invoice 4712");

        OutsideVerifiers.Run anonymous = curl(mail, null, "relay-nobody@signet.test");
        assertNotEquals(0, anonymous.exitCode(), anonymous.output());
        assertTrue(anonymous.output().contains("530 5.7.0"), anonymous.output());

        OutsideVerifiers.Run wrong = curl(mail, "relay-known:not-the-password", "relay-nobody@signet.test");
        assertEquals(67, wrong.exitCode(), "curl: login denied; " + wrong.output());
        assertTrue(wrong.output().contains("535 5.7.8"), wrong.output());

        OutsideVerifiers.Run stranger = curl(mail, "relay-stranger:relay-stranger-password-1", "relay-nobody@signet.test");
        assertNotEquals(0, stranger.exitCode(), stranger.output());
        assertTrue(stranger.output().contains("550 5.7.1") && stranger.output().contains("relay-stranger"), stranger.output());

        Thread.sleep(3000); // what was refused is not sent later either
        assertTrue(Mailboxes.of("relay-nobody@signet.test").isEmpty(), "a refused mail was passed on");
    }
}
