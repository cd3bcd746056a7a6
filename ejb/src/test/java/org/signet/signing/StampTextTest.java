package org.signet.signing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signet.model.SignetException;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StampTextTest {

    private static X509Certificate certificate;
    private static final Instant AT = Instant.parse("2026-11-22T09:30:05Z");

    @BeforeAll
    static void certificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name("CN=Example CA,O=Example"), BigInteger.valueOf(0xBEEF), new Date(0), new Date(4102444800000L),
                new X500Name("CN=Invoice Seal,O=Example GmbH,C=DE"), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    @Test
    void linesWithOnlyEmptyPlaceholdersAreLeftOut() {
        String text = StampText.render(null, "invoices", new PdfSignatureFields(null, "Approved", null, null), certificate, AT);
        assertEquals("""
                Digitally sealed by Invoice Seal
                Date: 2026-11-22 09:30:05 UTC
                Reason: Approved
                Certificate issued by Example CA""", text);
    }

    @Test
    void everyPlaceholderIsFilled() {
        String text = StampText.render("{signer}|{seal}|{location}|{contact}|{serial}|{subject}", "invoices",
                new PdfSignatureFields("Anna", null, "Berlin", "a@example.org"), certificate, AT);
        assertEquals("Anna|invoices|Berlin|a@example.org|BEEF|"
                + certificate.getSubjectX500Principal().getName(X500Principal.RFC2253), text);
        assertTrue(text.endsWith("CN=Invoice Seal") || text.contains("CN=Invoice Seal,"), text);
    }

    @Test
    void anUnknownPlaceholderIsAnErrorNotLiteralText() {
        SignetException e = assertThrows(SignetException.class,
                () -> StampText.render("by {signr}", "s", PdfSignatureFields.NONE, certificate, AT));
        assertTrue(e.getMessage().contains("{signr}"), e.getMessage());
    }

    @Test
    void replacementTextIsTakenLiterally() {
        String text = StampText.render("Reason: {reason}", "s", new PdfSignatureFields(null, "costs $1 {seal}", null, null),
                certificate, AT);
        assertEquals("Reason: costs $1 {seal}", text);
    }
}
