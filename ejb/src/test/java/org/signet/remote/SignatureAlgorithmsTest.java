package org.signet.remote;

import org.junit.jupiter.api.Test;
import org.signet.model.HashAlgorithm;
import org.signet.model.SignetException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureAlgorithmsTest {

    @Test
    void theHashComesFromTheSignatureAlgorithmOrBesideABareKeyAlgorithm() {
        assertEquals(HashAlgorithm.SHA256, SignatureAlgorithms.hashOf("1.2.840.113549.1.1.11", null, "RSA"));
        assertEquals(HashAlgorithm.SHA512, SignatureAlgorithms.hashOf("1.2.840.113549.1.1.13", "2.16.840.1.101.3.4.2.3", "RSA"));
        assertEquals(HashAlgorithm.SHA384, SignatureAlgorithms.hashOf("1.2.840.113549.1.1.1", "2.16.840.1.101.3.4.2.2", "RSA"));
        assertEquals(HashAlgorithm.SHA384, SignatureAlgorithms.hashOf("1.2.840.10045.4.3.3", null, "EC"));
        assertEquals(HashAlgorithm.SHA256, SignatureAlgorithms.hashOf("1.2.840.10045.2.1", "2.16.840.1.101.3.4.2.1", "EC"));
    }

    @Test
    void whatDoesNotFitIsRefusedNamingIt() {
        assertRefused("1.2.840.10045.4.3.2", null, "RSA", "is not one the credential's RSA key signs with");
        assertRefused("1.2.840.113549.1.1.10", null, "RSA", "is not one the credential's RSA key signs with"); // RSASSA-PSS
        assertRefused("1.2.840.113549.1.1.1", null, "RSA", "hashAlgorithmOID is needed");
        assertRefused("1.2.840.113549.1.1.11", "2.16.840.1.101.3.4.2.3", "RSA", "hashes with SHA-256, hashAlgorithmOID names SHA-512");
        assertRefused("1.2.840.113549.1.1.1", "1.3.14.3.2.26", "RSA", "is not SHA-256, SHA-384 or SHA-512"); // SHA-1
        assertRefused(null, null, "RSA", "signAlgo is missing");
    }

    private static void assertRefused(String signAlgo, String hashOid, String key, String why) {
        SignetException refusal = assertThrows(SignetException.class, () -> SignatureAlgorithms.hashOf(signAlgo, hashOid, key));
        assertEquals(SignetException.Kind.INVALID_INPUT, refusal.kind());
        assertTrue(refusal.getMessage().contains(why), refusal.getMessage());
    }
}
