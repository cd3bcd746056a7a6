package org.signet.connector;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A PKCS#12 file, read once at registration; the file's password is not kept. */
final class Pkcs12Token implements KeyToken {

    private record Entry(PrivateKey key, List<X509Certificate> chain) { }

    private final String name;
    private final Map<String, Entry> entries;

    private Pkcs12Token(String name, Map<String, Entry> entries) {
        this.name = name;
        this.entries = entries;
    }

    static Pkcs12Token open(TokenDefinition definition) throws SigningKeyException {
        char[] secret = definition.secret();
        try (InputStream in = Files.newInputStream(definition.location())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            Map<String, Entry> entries = new HashMap<>();
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                PrivateKey key = (PrivateKey) store.getKey(alias, secret);
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : store.getCertificateChain(alias)) {
                    chain.add((X509Certificate) c);
                }
                entries.put(alias, new Entry(key, List.copyOf(chain)));
            }
            return new Pkcs12Token(definition.name(), Map.copyOf(entries));
        } catch (java.io.IOException | GeneralSecurityException e) {
            // The JDK reports a wrong password as an IOException whose message is safe to show.
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE,
                    "cannot open " + definition + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private Entry entry(String alias) throws SigningKeyException {
        Entry entry = entries.get(alias);
        if (entry == null) {
            throw new SigningKeyException(SigningKeyException.Reason.UNKNOWN_KEY,
                    "token " + name + " has no key '" + alias + "'");
        }
        return entry;
    }

    @Override
    public List<X509Certificate> certificateChain(String alias) throws SigningKeyException {
        return entry(alias).chain();
    }

    @Override
    public byte[] sign(String alias, String jcaAlgorithm, byte[] data) throws SigningKeyException {
        try {
            return jcaSign(entry(alias), jcaAlgorithm, data);
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException(SigningKeyException.Reason.SIGNING_FAILED,
                    "key " + name + "/" + alias + " could not sign with " + jcaAlgorithm + ": " + e.getMessage(), e);
        }
    }

    private static byte[] jcaSign(Entry entry, String jcaAlgorithm, byte[] input) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaAlgorithm);
        signature.initSign(entry.key());
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
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException(SigningKeyException.Reason.SIGNING_FAILED,
                    "key " + name + "/" + alias + " could not sign a " + digestAlgorithm + " digest: " + e.getMessage(), e);
        }
    }
}
