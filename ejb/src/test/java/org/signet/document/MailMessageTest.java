package org.signet.document;

import org.junit.jupiter.api.Test;
import org.signet.model.HashAlgorithm;
import org.signet.model.SignetException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailMessageTest {

    private static final String MAIL = "From: invoicing@example.org\nTo: customer@example.com\nSubject: Invoice 4711\n"
            + "Content-Type: text/plain; charset=us-ascii\n\nPlease find the amount due below.\n";

    @Test
    void theEntityIsTheContentHeadersAndBodyInCrlf() {
        MailMessage mail = MailMessage.parse(bytes(MAIL));
        assertEquals("Content-Type: text/plain; charset=us-ascii\r\n\r\nPlease find the amount due below.\r\n", text(mail.entity()));
    }

    @Test
    void theSealedMessageCarriesTheEntityAsSignedBetweenItsBoundaries() {
        MailMessage mail = MailMessage.parse(bytes(MAIL));
        String sealed = text(mail.sealed(new byte[] {1, 2, 3}, HashAlgorithm.SHA256));
        assertTrue(sealed.startsWith("From: invoicing@example.org\r\nTo: customer@example.com\r\nSubject: Invoice 4711\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;\r\n boundary=\""), sealed);
        String boundary = sealed.substring(sealed.indexOf("boundary=\"") + 10, sealed.indexOf("\"", sealed.indexOf("boundary=\"") + 10));
        int start = sealed.indexOf("--" + boundary + "\r\n") + boundary.length() + 4;
        int end = sealed.indexOf("\r\n--" + boundary + "\r\n", start);
        assertEquals(text(mail.entity()), sealed.substring(start, end));
        assertTrue(sealed.contains(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})) && sealed.endsWith("--" + boundary + "--\r\n"));
    }

    @Test
    void anEightBitBodyTravelsAsBase64AndAMessageWithoutTypeIsPlainText() {
        MailMessage mail = MailMessage.parse("From: a@example.org\n\nGr\u00fc\u00dfe\n".getBytes(StandardCharsets.ISO_8859_1));
        String entity = text(mail.entity());
        assertTrue(entity.startsWith("Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: base64\r\n\r\n"), entity);
        assertEquals("Gr\u00fc\u00dfe\n", new String(Base64.getMimeDecoder().decode(entity.substring(entity.indexOf("\r\n\r\n") + 4)),
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void aSealedMessageSplitsBackIntoTheEntityAndTheSignature() {
        MailMessage mail = MailMessage.parse(bytes(MAIL));
        byte[] sealed = mail.sealed(new byte[] {1, 2, 3}, HashAlgorithm.SHA512);
        MailMessage.SignedParts parts = MailMessage.signedParts(sealed).orElseThrow();
        assertEquals(text(mail.entity()), text(parts.entity()));
        assertEquals("[1, 2, 3]", java.util.Arrays.toString(parts.signature()));
        // stored with LF line ends, as mail stores often keep it: the same parts
        MailMessage.SignedParts fromLf = MailMessage.signedParts(text(sealed).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1))
                .orElseThrow();
        assertEquals(text(mail.entity()), text(fromLf.entity()));
        assertTrue(MailMessage.signedParts(bytes(MAIL)).isEmpty(), "an unsigned mail");
        assertTrue(MailMessage.signedParts(bytes("%PDF-1.7\n%multipart/signed\n")).isEmpty(), "a PDF");
    }

    @Test
    void whatIsNoMailIsRefusedNamingWhy() {
        assertRefused("no blank line", "From: a@example.org\nSubject: no body");
        assertRefused("no From header", "Subject: who sent this?\n\nbody\n");
        assertRefused("is not a header field", "From: a@example.org\nthis is not a header\n\nbody\n");
        assertRefused("encode its parts", "From: a@example.org\nContent-Type: multipart/mixed; boundary=x\n\n--x\n\n\u00e4\n--x--\n");
    }

    private static void assertRefused(String why, String message) {
        SignetException e = assertThrows(SignetException.class, () -> MailMessage.parse(message.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(SignetException.Kind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
