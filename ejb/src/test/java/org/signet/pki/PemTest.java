package org.signet.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PemTest {

    @Test
    void certificatesAndRequestsReadAsOthersWriteThem() throws Exception {
        KeyPair keys = Certificates.rsaKeyPair(2048);
        X509Certificate certificate = Certificates.selfSignedCa(keys, "CN=Pem test", Instant.now(), Duration.ofDays(1));
        String text = Pem.certificate(certificate);
        assertTrue(text.startsWith("-----BEGIN CERTIFICATE-----\n") && text.endsWith("-----END CERTIFICATE-----\n"), text);
        assertTrue(text.lines().allMatch(line -> line.length() <= 64), "RFC 7468 lines of 64 characters");
        assertEquals(certificate, CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))));

        byte[] request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Pem test"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())).getEncoded();
        String written = Pem.encode(Pem.CERTIFICATE_REQUEST, request);
        assertArrayEquals(request, Pem.certificationRequest("comment before\n" + written));
        assertArrayEquals(request, Pem.certificationRequest(written.replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST")),
                "the label keytool writes");

        assertTrue(refused(text).contains("a PEM CERTIFICATE where a certification request was expected"), refused(text));
        assertTrue(refused("not a request").contains("no PEM certification request"), refused("not a request"));
        String unended = written.substring(0, written.indexOf("-----END"));
        assertTrue(refused(unended).contains("no readable PEM"), refused(unended));
        String broken = written.replace(written.substring(40, 44), "%%%%");
        assertTrue(refused(broken).contains("no readable PEM"), refused(broken));
    }

    private static String refused(String text) {
        return assertThrows(GeneralSecurityException.class, () -> Pem.certificationRequest(text)).getMessage();
    }
}
