package org.signet.connector;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A PKCS#12 made by the JDK's keytool, opened and used through the adapter's token. */
class Pkcs12TokenTest {

    @TempDir
    static Path dir;
    static Path store;

    @BeforeAll
    static void keytool() throws Exception {
        store = dir.resolve("t.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "seal", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Test Seal",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "store-secret", "-validity", "2")
                .inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed");
    }

    private static KeyToken open(String secret) throws SigningKeyException {
        return Pkcs12Token.open(new TokenDefinition("t", TokenDefinition.Kind.PKCS12, store, secret.toCharArray()));
    }

    @Test
    void signsDataAndDigestsThatVerifyWithTheCertificate() throws Exception {
        KeyToken token = open("store-secret");
        X509Certificate certificate = token.certificateChain("seal").get(0);
        byte[] data = "to be signed".getBytes();

        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(certificate);
        check.update(data);
        assertTrue(check.verify(token.sign("seal", "SHA256withRSA", data)));

        // A digest signed on its own must equal the ordinary signature over the data (PKCS#1 v1.5 is deterministic).
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
        assertArrayEquals(token.sign("seal", "SHA256withRSA", data), token.signDigest("seal", "SHA-256", "RSA", digest));
    }

    @Test
    void wrongSecretAndUnknownKeyAreNamedButTheSecretIsNot() throws Exception {
        SigningKeyException wrong = assertThrows(SigningKeyException.class, () -> open("not-the-secret"));
        assertEquals(SigningKeyException.Reason.TOKEN_UNAVAILABLE, wrong.reason());
        assertTrue(wrong.getMessage().contains("token t"));
        assertFalse(wrong.getMessage().contains("not-the-secret"));

        SigningKeyException unknown = assertThrows(SigningKeyException.class, () -> open("store-secret").sign("other", "SHA256withRSA", new byte[1]));
        assertEquals(SigningKeyException.Reason.UNKNOWN_KEY, unknown.reason());
        assertThrows(SigningKeyException.class, () -> open("store-secret").signDigest("seal", "SHA-256", "RSA", new byte[20]));
    }

    @Test
    void definitionsNeverPrintTheirSecret() {
        TokenDefinition definition = new TokenDefinition("t", TokenDefinition.Kind.PKCS12, store, "store-secret".toCharArray());
        assertFalse(definition.toString().contains("store-secret"));
        definition.forgetSecret();
        assertEquals(0, new String(definition.secret()).replace("\0", "").length());
    }
}
