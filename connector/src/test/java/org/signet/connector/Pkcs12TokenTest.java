package org.signet.connector;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
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
        return Pkcs12Token.open(new TokenDefinition("t", TokenDefinition.Kind.PKCS12, store, secret.toCharArray()), null);
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

    /**
     * What lets the signing service check a software key's signatures against the certificate once per run instead of
     * each one: the JDK refuses an RSA-CRT result that does not match the public key. Here the key's CRT exponent is
     * damaged (as a fault in the computation would be); if a JDK ever hands out the faulty value, this test fails.
     */
    @Test
    void aFaultyRsaComputationIsRefusedNotHandedOut() throws Exception {
        KeyStore original = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            original.load(in, "store-secret".toCharArray());
        }
        var key = (RSAPrivateCrtKey) original.getKey("seal", "store-secret".toCharArray());
        var faulty = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                key.getModulus(), key.getPublicExponent(), key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(),
                key.getPrimeExponentP().add(BigInteger.TWO), key.getPrimeExponentQ(), key.getCrtCoefficient()));
        KeyStore damaged = KeyStore.getInstance("PKCS12");
        damaged.load(null, null);
        damaged.setKeyEntry("seal", faulty, "store-secret".toCharArray(), original.getCertificateChain("seal"));
        Path damagedStore = dir.resolve("faulty.p12");
        try (var out = Files.newOutputStream(damagedStore)) {
            damaged.store(out, "store-secret".toCharArray());
        }
        KeyToken token = Pkcs12Token.open(new TokenDefinition("f", TokenDefinition.Kind.PKCS12, damagedStore, "store-secret".toCharArray()), null);

        assertTrue(token.checksEachSignature("seal", "SHA256withRSA"));
        SigningKeyException refused = assertThrows(SigningKeyException.class, () -> token.sign("seal", "SHA256withRSA", new byte[] {1, 2, 3}));
        assertEquals(SigningKeyException.Reason.SIGNING_FAILED, refused.reason());
        // The sound key signs, and its provider says the same of it.
        assertTrue(open("store-secret").checksEachSignature("seal", "SHA256withRSA"));
    }

    /**
     * With the native provider (Amazon Corretto Crypto Provider, on the test class path as the server has it as a
     * module) the keys sign there; what it does not offer (NONEwithRSA for a bare digest) the JDK signs with the same
     * key, and both kinds of signature are the JDK's to verify. Its signatures are checked by the service one by one.
     */
    @Test
    void theNativeProviderSignsAndTheJdkVerifies() throws Exception {
        NativeCrypto.Choice choice = NativeCrypto.load("true", getClass().getClassLoader());
        assertTrue(choice.provider() != null, choice.describe());
        Pkcs12Token token = Pkcs12Token.open(new TokenDefinition("n", TokenDefinition.Kind.PKCS12, store, "store-secret".toCharArray()),
                choice.provider());
        assertEquals("AmazonCorrettoCryptoProvider", token.signature("SHA256withRSA").getProvider().getName());
        X509Certificate certificate = token.certificateChain("seal").get(0);
        byte[] data = "to be signed natively".getBytes();
        byte[] value = token.sign("seal", "SHA256withRSA", data);
        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(certificate);
        check.update(data);
        assertTrue(check.verify(value));
        assertArrayEquals(value, open("store-secret").sign("seal", "SHA256withRSA", data), "PKCS#1 v1.5 gives the JDK's value");
        assertArrayEquals(value, token.signDigest("seal", "SHA-256", "RSA", MessageDigest.getInstance("SHA-256").digest(data)));
        assertFalse(token.checksEachSignature("seal", "SHA256withRSA"));
    }

    @Test
    void onlyRsaKeysOfTheJdksOwnProviderCountAsCheckingThemselves() throws Exception {
        Path ec = dir.resolve("ec.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "ec", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test EC Seal",
                "-storetype", "PKCS12", "-keystore", ec.toString(), "-storepass", "store-secret", "-validity", "2")
                .inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed");
        KeyToken token = Pkcs12Token.open(new TokenDefinition("e", TokenDefinition.Kind.PKCS12, ec, "store-secret".toCharArray()), null);
        assertFalse(token.checksEachSignature("ec", "SHA256withECDSA"));
        assertThrows(SigningKeyException.class, () -> token.checksEachSignature("other", "SHA256withECDSA"));
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
