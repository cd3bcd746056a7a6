package org.signet.demo;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signet.pki.Certificates;
import org.signet.pki.Pem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo CA certifies the launcher's TLS request for exactly its host names and addresses, once, and anew when due. */
class DemoServerCertificateTest {

    private static final Instant NOW = Instant.now();

    @TempDir
    Path data;

    @Test
    void theRequestedNamesAreCertifiedForServerAuthenticationAndOpenSslAgrees() throws Exception {
        KeyPair caKeys = Certificates.rsaKeyPair(2048);
        X509Certificate ca = Certificates.selfSignedCa(caKeys, "CN=Test demo CA", NOW.minusSeconds(60), Duration.ofDays(3653));
        KeyPair server = ecKeyPair();
        request(server, new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.rfc822Name, "someone@example.org"));

        X509Certificate issued = DemoServerCertificate.certifyRequested(data, ca, caKeys.getPrivate(), null, NOW);
        assertNotNull(issued);
        List<X509Certificate> chain = chain();
        assertEquals(2, chain.size());
        assertEquals(issued, chain.get(0));
        assertEquals(ca, chain.get(1));
        assertArrayEquals(server.getPublic().getEncoded(), issued.getPublicKey().getEncoded());
        assertEquals("[[2, localhost], [7, 127.0.0.1]]", String.valueOf(issued.getSubjectAlternativeNames()), "no e-mail address");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), issued.getExtendedKeyUsage());
        assertTrue(issued.getKeyUsage()[0] && !issued.getKeyUsage()[1], "digitalSignature only");
        assertTrue(Duration.between(issued.getNotBefore().toInstant(), issued.getNotAfter().toInstant()).toDays() <= 397);

        Files.writeString(data.resolve("ca.pem"), Pem.certificate(ca));
        Files.writeString(data.resolve("leaf.pem"), Pem.certificate(issued));
        for (String[] check : new String[][] {{"-verify_hostname", "localhost"}, {"-verify_ip", "127.0.0.1"}}) {
            Process openssl = new ProcessBuilder("openssl", "verify", "-CAfile", data.resolve("ca.pem").toString(), "-purpose", "sslserver",
                    check[0], check[1], data.resolve("leaf.pem").toString()).redirectErrorStream(true).start();
            String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, openssl.exitValue(), said);
        }
        Process elsewhere = new ProcessBuilder("openssl", "verify", "-CAfile", data.resolve("ca.pem").toString(),
                "-verify_hostname", "example.org", data.resolve("leaf.pem").toString()).redirectErrorStream(true).start();
        assertTrue(elsewhere.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, elsewhere.exitValue(), "a name the request did not ask for");
    }

    @Test
    void aCurrentChainIsKeptAndANewRequestOrANewCaIsCertifiedAgain() throws Exception {
        KeyPair caKeys = Certificates.rsaKeyPair(2048);
        X509Certificate ca = Certificates.selfSignedCa(caKeys, "CN=Test demo CA", NOW.minusSeconds(60), Duration.ofDays(3653));
        request(ecKeyPair(), new GeneralName(GeneralName.dNSName, "signet.example"));
        X509Certificate first = DemoServerCertificate.certifyRequested(data, ca, caKeys.getPrivate(), null, NOW);
        assertNotNull(first);
        assertNull(DemoServerCertificate.certifyRequested(data, ca, caKeys.getPrivate(), null, NOW), "current: kept");
        assertNotNull(DemoServerCertificate.certifyRequested(data, ca, caKeys.getPrivate(), null, NOW.plus(Duration.ofDays(370))),
                "within 30 days of its end: renewed");

        Files.setLastModifiedTime(DemoServerCertificate.request(data), FileTime.from(Instant.now().plusSeconds(5)));
        assertNotNull(DemoServerCertificate.certifyRequested(data, ca, caKeys.getPrivate(), null, NOW), "a newer request");

        Files.setLastModifiedTime(DemoServerCertificate.request(data), FileTime.from(Instant.now().minusSeconds(60)));
        assertNull(DemoServerCertificate.certifyRequested(data, ca, caKeys.getPrivate(), null, NOW));
        KeyPair otherKeys = Certificates.rsaKeyPair(2048);
        X509Certificate other = Certificates.selfSignedCa(otherKeys, "CN=Another demo CA", NOW.minusSeconds(60), Duration.ofDays(100));
        X509Certificate again = DemoServerCertificate.certifyRequested(data, other, otherKeys.getPrivate(), null, NOW);
        assertNotNull(again, "the data directory's CA changed");
        again.verify(other.getPublicKey());
        assertEquals(other.getNotAfter(), again.getNotAfter(), "never beyond its CA");
    }

    @Test
    void aRequestWithoutNamesOrNotSignedByItsKeyIsRefused() throws Exception {
        KeyPair caKeys = Certificates.rsaKeyPair(2048);
        X509Certificate ca = Certificates.selfSignedCa(caKeys, "CN=Test demo CA", NOW.minusSeconds(60), Duration.ofDays(3653));
        request(ecKeyPair(), new GeneralName(GeneralName.rfc822Name, "someone@example.org"));
        GeneralSecurityException nameless = assertThrows(GeneralSecurityException.class,
                () -> DemoServerCertificate.certifyRequested(data, ca, caKeys.getPrivate(), null, NOW));
        assertTrue(nameless.getMessage().contains("names no host name or address"), nameless.getMessage());

        byte[] signed = request(ecKeyPair(), new GeneralName(GeneralName.dNSName, "localhost"));
        signed[signed.length - 3] ^= 0x01; // inside the signature
        Files.writeString(DemoServerCertificate.request(data), pem(signed));
        GeneralSecurityException forged = assertThrows(GeneralSecurityException.class,
                () -> DemoServerCertificate.certifyRequested(data, ca, caKeys.getPrivate(), null, NOW));
        assertTrue(forged.getMessage().contains("not signed by the key it names") || forged.getMessage().contains("not a PKCS#10"),
                forged.getMessage());

        Files.writeString(DemoServerCertificate.request(data), "not a request");
        assertThrows(GeneralSecurityException.class, () -> DemoServerCertificate.certifyRequested(data, ca, caKeys.getPrivate(), null, NOW));
        assertTrue(Files.notExists(DemoServerCertificate.chain(data)), "nothing written for a refused request");
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    /** A request as keytool -certreq -ext san=... writes it; returns its DER. */
    private byte[] request(KeyPair key, GeneralName... names) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=localhost"), key.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
        Files.createDirectories(DemoServerCertificate.request(data).getParent());
        Files.writeString(DemoServerCertificate.request(data), pem(der));
        return der;
    }

    private static String pem(byte[] der) {
        return "-----BEGIN NEW CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END NEW CERTIFICATE REQUEST-----\n";
    }

    private List<X509Certificate> chain() throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(
                new ByteArrayInputStream(Files.readAllBytes(DemoServerCertificate.chain(data))))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }
}
