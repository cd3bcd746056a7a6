package org.signet.connector;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every token that signs through a JCA provider shares: signing data or a bare digest with a key it found
 * under an alias. Subclasses say where keys come from and which provider holds them.
 */
abstract class JcaKeyToken implements KeyToken {

    record Entry(PrivateKey key, List<X509Certificate> chain) { }

    protected final String name;

    JcaKeyToken(String name) {
        this.name = name;
    }

    abstract Entry entry(String alias) throws SigningKeyException;

    /** The provider that holds the keys; null for the JDK's default choice. */
    abstract Provider provider();

    /** A provider failure (a card pulled, an HSM gone) rather than a bad request: subclasses may reopen. */
    SigningKeyException failed(String alias, String what, Exception e) {
        return new SigningKeyException(SigningKeyException.Reason.SIGNING_FAILED,
                "key " + name + "/" + alias + " could not sign " + what + ": " + e.getMessage(), e);
    }

    @Override
    public List<X509Certificate> certificateChain(String alias) throws SigningKeyException {
        return entry(alias).chain();
    }

    @Override
    public byte[] sign(String alias, String jcaAlgorithm, byte[] data) throws SigningKeyException {
        Entry entry = entry(alias);
        try {
            return jcaSign(entry, jcaAlgorithm, data);
        } catch (GeneralSecurityException | ProviderException e) {
            throw failed(alias, "with " + jcaAlgorithm, e);
        }
    }

    private byte[] jcaSign(Entry entry, String jcaAlgorithm, byte[] input) throws GeneralSecurityException {
        Signature signature = signature(jcaAlgorithm);
        signature.initSign(entry.key());
        signature.update(input);
        return signature.sign();
    }

    /** A signature engine for this token's keys: from its provider, or the JDK's choice when it names none. */
    Signature signature(String jcaAlgorithm) throws GeneralSecurityException {
        Provider provider = provider();
        return provider == null ? Signature.getInstance(jcaAlgorithm) : Signature.getInstance(jcaAlgorithm, provider);
    }

    static byte[] jcaSign(Provider provider, PrivateKey key, String jcaAlgorithm, byte[] input)
            throws GeneralSecurityException {
        Signature signature = provider == null ? Signature.getInstance(jcaAlgorithm) : Signature.getInstance(jcaAlgorithm, provider);
        signature.initSign(key);
        signature.update(input);
        return signature.sign();
    }

    @Override
    public byte[] signDigest(String alias, String digestAlgorithm, String keyAlgorithm, byte[] digest)
            throws SigningKeyException {
        Entry entry = entry(alias);
        try {
            byte[] input = digest;
            String jcaAlgorithm;
            if ("RSA".equals(keyAlgorithm)) {
                input = DigestInfo.encode(digestAlgorithm, digest);
                jcaAlgorithm = "NONEwithRSA";
            } else if ("EC".equals(keyAlgorithm)) {
                jcaAlgorithm = "NONEwithECDSA";
            } else {
                throw new SigningKeyException(SigningKeyException.Reason.SIGNING_FAILED,
                        "signing a bare digest is not supported for " + keyAlgorithm + " keys");
            }
            return jcaSign(entry, jcaAlgorithm, input);
        } catch (GeneralSecurityException | ProviderException e) {
            throw failed(alias, "a " + digestAlgorithm + " digest", e);
        }
    }
}
