package org.signet.config;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignetConfigurationTest {

    private static SignetConfiguration from(Map<String, String> properties) {
        return SignetConfiguration.from(properties::get);
    }

    @Test
    void defaultsLiveUnderTheServerDataDirectory() {
        SignetConfiguration c = from(Map.of("jboss.server.data.dir", "/srv/data"));
        assertEquals(Path.of("/srv/data/signet"), c.dataDirectory());
        assertEquals(100L << 20, c.maxDocumentBytes());
    }

    /** A server started without ./signet run or start creates no demo user, seal or CA unless asked to. */
    @Test
    void theDemoIsMadeOnlyWhenAsked() {
        assertFalse(from(Map.of("jboss.server.data.dir", "/d")).createDemo());
        assertTrue(from(Map.of("jboss.server.data.dir", "/d", "signet.demo", "true")).createDemo());
    }

    /** The verify page answers people who have not signed in only where the operator offers it. */
    @Test
    void verificationForAnyoneIsOfferedOnlyWhenAsked() {
        assertFalse(from(Map.of("jboss.server.data.dir", "/d")).publicVerification());
        assertTrue(from(Map.of("jboss.server.data.dir", "/d", "signet.web.public-verification", "true")).publicVerification());
        assertThrows(SignetConfiguration.InvalidConfigurationException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.web.public-verification", "maybe")));
    }

    /** Workflow templates may call back only the URLs the operator lists, each exactly; none by default. */
    @Test
    void workflowCallbacksAreListedHttpUrlsWithoutCredentials() {
        assertEquals(List.of(), from(Map.of("jboss.server.data.dir", "/d")).workflowCallbacks());
        assertEquals(List.of(java.net.URI.create("https://erp.example.org/signet?tenant=1"), java.net.URI.create("http://127.0.0.1:8193/x")),
                from(Map.of("jboss.server.data.dir", "/d", "signet.workflow.callbacks", "https://erp.example.org/signet?tenant=1, http://127.0.0.1:8193/x"))
                        .workflowCallbacks());
        for (String bad : List.of("ftp://erp.example.org/x", "https://user:secret@erp.example.org/x", "https://erp.example.org/x#part", "not a url")) {
            SignetConfiguration.InvalidConfigurationException e = assertThrows(SignetConfiguration.InvalidConfigurationException.class,
                    () -> from(Map.of("jboss.server.data.dir", "/d", "signet.workflow.callbacks", bad)), bad);
            assertTrue(e.getMessage().contains("signet.workflow.callbacks") && !e.getMessage().contains("secret"), e.getMessage());
        }
    }

    /** The OpenID provider is named by its issuer URL, or not at all. */
    @Test
    void anOpenIdProviderIsAnHttpUrlOrNone() {
        assertEquals(null, from(Map.of("jboss.server.data.dir", "/d")).oauth2Issuer());
        assertEquals("https://idp.example.org/realms/example", from(Map.of("jboss.server.data.dir", "/d",
                "signet.oauth2.issuer", "https://idp.example.org/realms/example")).oauth2Issuer().toString());
        SignetConfiguration.InvalidConfigurationException refused = assertThrows(SignetConfiguration.InvalidConfigurationException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.oauth2.issuer", "idp.example.org")));
        assertTrue(refused.getMessage().contains("signet.oauth2.issuer"), refused.getMessage());
    }

    /** Workflow links sign by themselves only from networks named as literals; none by default. */
    @Test
    void linkOnlyClientsAreNetworksWrittenAsLiterals() {
        assertTrue(from(Map.of("jboss.server.data.dir", "/d")).linkOnlyClients().entries().isEmpty());
        SignetConfiguration c = from(Map.of("jboss.server.data.dir", "/d", "signet.workflow.link-only-clients", "10.0.0.0/8, 192.0.2.7"));
        assertTrue(c.linkOnlyClients().contains("10.20.30.40") && c.linkOnlyClients().contains("192.0.2.7"));
        assertFalse(c.linkOnlyClients().contains("192.0.2.8") || c.linkOnlyClients().contains("198.51.100.1"));
        SignetConfiguration.InvalidConfigurationException refused = assertThrows(SignetConfiguration.InvalidConfigurationException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.workflow.link-only-clients", "intranet.example.org")));
        assertTrue(refused.getMessage().contains("signet.workflow.link-only-clients"), refused.getMessage());
    }

    /** The CSC face's region: an ISO 3166-1 alpha-2 code, else the locale's country when it is one, else none. */
    @Test
    void theRemoteServicesRegionIsACountryCode() {
        assertEquals("AT", from(Map.of("jboss.server.data.dir", "/d", "signet.csc.region", "AT")).serviceRegion());
        assertEquals("DE", SignetConfiguration.region(null, "DE"));
        assertEquals(null, SignetConfiguration.region(" ", ""));
        for (String wrong : new String[] {"Austria", "at", "XX"}) {
            SignetConfiguration.InvalidConfigurationException refused = assertThrows(SignetConfiguration.InvalidConfigurationException.class,
                    () -> from(Map.of("jboss.server.data.dir", "/d", "signet.csc.region", wrong)));
            assertTrue(refused.getMessage().contains("signet.csc.region"), refused.getMessage());
        }
    }

    /** A person links credentials only at a listed service, with Signet's client ID there; anything else is named at start-up. */
    @Test
    void personClientsNameAListedServiceAndAClientId() {
        String services = "https://csc.example.org/csc/v2/,https://other.example.org/csc/v2";
        assertEquals(Map.of(java.net.URI.create("https://other.example.org/csc/v2/"), "signet-web"), from(Map.of("jboss.server.data.dir", "/d",
                "signet.csc.services", services, "signet.csc.person-clients", " signet-web@https://other.example.org/csc/v2 ")).personClients());
        assertEquals(Map.of(), from(Map.of("jboss.server.data.dir", "/d", "signet.csc.services", services)).personClients());
        for (String wrong : new String[] {"https://csc.example.org/csc/v2/", "signet-web@https://elsewhere.example.org/csc/v2/",
                "a b@https://csc.example.org/csc/v2/", "signet-web@", "x@https://csc.example.org/csc/v2/,y@https://csc.example.org/csc/v2"}) {
            SignetConfiguration.InvalidConfigurationException refused = assertThrows(SignetConfiguration.InvalidConfigurationException.class,
                    () -> from(Map.of("jboss.server.data.dir", "/d", "signet.csc.services", services, "signet.csc.person-clients", wrong)), wrong);
            assertTrue(refused.getMessage().contains("signet.csc.person-clients"), refused.getMessage());
        }
    }

    /** No hot folder and no PKCS#11 library is allowed until the server's configuration names them. */
    @Test
    void hotFolderBasesAndPkcs11LibrariesAreNamedByTheOperator() {
        SignetConfiguration none = from(Map.of("jboss.server.data.dir", "/d"));
        assertEquals(List.of(), none.hotFolderBases());
        assertEquals(List.of(), none.pkcs11Libraries());
        SignetConfiguration some = from(Map.of("jboss.server.data.dir", "/d", "signet.hotfolder.base-dirs", "/srv/in, /srv/more/../batches",
                "signet.pkcs11.libraries", "/usr/lib/softhsm/libsofthsm2.so,/opt/hsm/lib pkcs11.so"));
        assertEquals(List.of(Path.of("/srv/in"), Path.of("/srv/batches")), some.hotFolderBases());
        assertEquals(List.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"), Path.of("/opt/hsm/lib pkcs11.so")), some.pkcs11Libraries());
        assertEquals("Signet configuration: signet.hotfolder.base-dirs='in' is not an absolute path", assertThrows(IllegalStateException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.hotfolder.base-dirs", "in"))).getMessage());
        for (String hostile : new String[] {"/lib/x.so\nslotListIndex = 2", "/lib/x\".so", "/lib/x\\y.so", "/lib/${user.home}.so", "/lib/x\u0001.so"}) {
            assertTrue(assertThrows(IllegalStateException.class, () -> from(Map.of("jboss.server.data.dir", "/d",
                    "signet.pkcs11.libraries", hostile))).getMessage().contains("may not hold quotes, backslashes, dollar signs or control characters"), hostile);
        }
    }

    /** Hot folders must keep out of these: the installation, configuration, data, logs and Signet's own data. */
    @Test
    void theServersOwnDirectoriesAreKnown() {
        SignetConfiguration c = from(Map.of("jboss.server.data.dir", "/srv/wildfly/standalone/data", "jboss.home.dir", "/opt/wildfly",
                "jboss.server.config.dir", "/srv/wildfly/standalone/configuration", "signet.archive.store", "/archive"));
        assertTrue(c.serverDirectories().containsAll(List.of(Path.of("/opt/wildfly"), Path.of("/srv/wildfly/standalone/configuration"),
                Path.of("/srv/wildfly/standalone/data"), Path.of("/srv/wildfly/standalone/data/signet"), Path.of("/archive"))),
                c.serverDirectories().toString());
    }

    @Test
    void theArchivesHashesAreNamedAndTheRenewalHashIsNotAWeakOne() {
        SignetConfiguration defaults = from(Map.of("jboss.server.data.dir", "/d"));
        assertEquals(DigestAlgorithm.SHA512, defaults.archiveHash());
        assertEquals(Set.of(), defaults.weakArchiveHashes());
        SignetConfiguration c = from(Map.of("jboss.server.data.dir", "/d", "signet.archive.renewal-hash-algorithm", "sha3-512",
                "signet.archive.weak-hash-algorithms", "SHA-256, SHA384"));
        assertEquals(DigestAlgorithm.SHA3_512, c.archiveHash());
        assertEquals(Set.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA384), c.weakArchiveHashes());
        var md5 = assertThrows(SignetConfiguration.InvalidConfigurationException.class, () -> from(Map.of("jboss.server.data.dir", "/d",
                "signet.archive.weak-hash-algorithms", "MD5")));
        assertTrue(md5.getMessage().contains("signet.archive.weak-hash-algorithms='MD5'") && md5.getMessage().contains("SHA3-256"),
                md5.getMessage());
        var weakTarget = assertThrows(SignetConfiguration.InvalidConfigurationException.class, () -> from(Map.of("jboss.server.data.dir",
                "/d", "signet.archive.weak-hash-algorithms", "SHA-512")));
        assertTrue(weakTarget.getMessage().contains("signet.archive.renewal-hash-algorithm='SHA-512'"), weakTarget.getMessage());
    }

    @Test
    void aTrustStoreForRemoteServicesIsAFileOfCertificates(@TempDir Path dir) throws Exception {
        assertThrows(SignetConfiguration.InvalidConfigurationException.class, () -> from(Map.of("jboss.server.data.dir", "/d",
                "signet.csc.trust-store", "relative.pem")));
        var missing = assertThrows(SignetConfiguration.InvalidConfigurationException.class, () -> from(Map.of("jboss.server.data.dir",
                "/d", "signet.csc.trust-store", dir.resolve("missing.pem").toString())));
        assertTrue(missing.getMessage().contains("signet.csc.trust-store") && missing.getMessage().contains("cannot be read"),
                missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        assertThrows(SignetConfiguration.InvalidConfigurationException.class, () -> from(Map.of("jboss.server.data.dir", "/d",
                "signet.csc.trust-store", empty.toString())));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=A CSC service's CA");
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
                name, keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
        Path pem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE-----\n");
        assertDoesNotThrow(() -> from(Map.of("jboss.server.data.dir", "/d", "signet.csc.trust-store", pem.toString())));
    }

    @Test
    void sizesTakeUnits() {
        assertEquals(4L << 20, from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "4M")).maxDocumentBytes());
        assertEquals(2L << 30, from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "2g")).maxDocumentBytes());
        assertEquals(1500, from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "1500")).maxDocumentBytes());
        assertFalse(from(Map.of("jboss.server.data.dir", "/d", "signet.demo", "off")).createDemo());
    }

    /** A document signed while it streams in is bounded by its own limit, 64 GiB unless set, never below the request limit. */
    @Test
    void streamedDocumentsHaveTheirOwnLimit() {
        assertEquals(64L << 30, from(Map.of("jboss.server.data.dir", "/d")).maxStreamedBytes());
        assertEquals(3L << 30, from(Map.of("jboss.server.data.dir", "/d", "signet.max-streamed-size", "3G")).maxStreamedBytes());
        assertEquals("Signet configuration: signet.max-streamed-size='10M' is smaller than signet.max-request-size (315621376 bytes):"
                + " a streamed document may be larger, not smaller", assertThrows(IllegalStateException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.max-streamed-size", "10M"))).getMessage());
    }

    @Test
    void badValuesNameTheProperty() {
        IllegalStateException size = assertThrows(IllegalStateException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "lots")));
        assertEquals("Signet configuration: signet.max-document-size='lots' is not a size; write bytes or a number with K, M or G, e.g. 100M",
                size.getMessage());
        assertThrows(IllegalStateException.class, () -> from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "0")));
        assertThrows(IllegalStateException.class, () -> from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "99999999999G")));
        IllegalStateException demo = assertThrows(IllegalStateException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.demo", "maybe")));
        assertTrue(demo.getMessage().contains("signet.demo='maybe' must be true or false"));
        assertThrows(IllegalStateException.class, () -> from(Map.of()));
        assertEquals("Signet configuration: signet.native-crypto='fast' must be true or false", assertThrows(IllegalStateException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.native-crypto", "fast"))).getMessage());
    }

    @Test
    void hotFolderWorkersAreBounded() {
        assertEquals(4, from(Map.of("jboss.server.data.dir", "/d", "signet.hotfolder.workers", "4")).hotFolderWorkers());
        assertEquals(2, from(Map.of("jboss.server.data.dir", "/d")).hotFolderWorkers());
        assertEquals("Signet configuration: signet.hotfolder.workers='0' must be a whole number from 1 to 16",
                assertThrows(IllegalStateException.class,
                        () -> from(Map.of("jboss.server.data.dir", "/d", "signet.hotfolder.workers", "0"))).getMessage());
    }

    @Test
    void theArchiveStoreIsAnAbsolutePathUnderTheDataDirectoryByDefault() {
        assertEquals(Path.of("/d/signet/archive/documents"), from(Map.of("jboss.server.data.dir", "/d")).archiveStore());
        assertEquals(Path.of("/archive/kept"), from(Map.of("jboss.server.data.dir", "/d", "signet.archive.store", "/archive/./kept"))
                .archiveStore());
        assertEquals("Signet configuration: signet.archive.store='kept' is not an absolute path", assertThrows(IllegalStateException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.archive.store", "kept"))).getMessage());
    }
}
