package org.signet.security;

import org.junit.jupiter.api.Test;
import org.signet.model.Names;
import org.signet.model.SignetException;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The realm (wildfly-config) and the application are two deployables without a shared jar, yet must name client
 * certificates and users alike: both modules' tests check the same vectors, kept with the realm's tests.
 */
class IdentityVectorsTest {

    private static final Path VECTORS = Path.of("../wildfly-config/src/test/resources/identity-vectors");

    @Test
    void theSubjectKeyAndTheNameRuleMatchTheRealms() throws Exception {
        Properties vectors = new Properties();
        try (InputStream in = Files.newInputStream(VECTORS.resolve("identity-vectors.properties"))) {
            vectors.load(in);
        }
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(VECTORS.resolve(vectors.getProperty("certificate")))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertEquals(vectors.getProperty("subject-key"), CertificateSubject.key(certificate));
        for (String name : vectors.getProperty("names.accepted").split("\\|")) {
            assertDoesNotThrow(() -> Names.require("user", name), name);
        }
        for (String name : vectors.getProperty("names.refused").split("\\|")) {
            assertThrows(SignetException.class, () -> Names.require("user", name), name);
        }
    }
}
