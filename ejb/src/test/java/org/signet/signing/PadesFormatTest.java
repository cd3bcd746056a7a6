package org.signet.signing;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.junit.jupiter.api.Test;
import org.signet.model.SignetException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The check a stamped signature patched into DSS's prepared document passes instead of a second DSS parse. */
class PadesFormatTest {

    private static final byte[] DOCUMENT = "%PDF-1.7 before<00000000>after %%EOF".getBytes(StandardCharsets.US_ASCII);
    /** Everything but the placeholder: "%PDF-1.7 before" and ">after %%EOF"... from the '<' to the '>' left out. */
    private static final int[] RANGE = {0, 15, 25, DOCUMENT.length - 25};

    private static ASN1Set signedAttributes(byte[] digest) {
        return new DERSet(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(digest))));
    }

    @Test
    void theSignedDigestMustBeTheDigestOfTheByteRangeAsWritten() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(DOCUMENT, RANGE[0], RANGE[1]);
        sha256.update(DOCUMENT, RANGE[2], RANGE[3]);
        byte[] right = sha256.digest();
        assertDoesNotThrow(() -> PadesFormat.requireDigestOfRange(DOCUMENT, RANGE, signedAttributes(right), SignatureAlgorithm.RSA_SHA256, "a.pdf"));

        byte[] wrong = right.clone();
        wrong[0] ^= 1;
        SignetException refusal = assertThrows(SignetException.class,
                () -> PadesFormat.requireDigestOfRange(DOCUMENT, RANGE, signedAttributes(wrong), SignatureAlgorithm.RSA_SHA256, "a.pdf"));
        assertEquals(SignetException.Kind.SIGNING_FAILED, refusal.kind());
        assertEquals("the signature prepared for 'a.pdf' does not cover its byte range; nothing was returned", refusal.getMessage());
        assertThrows(SignetException.class, () -> PadesFormat.requireDigestOfRange(DOCUMENT, new int[] {0, 15, 25, 999},
                signedAttributes(right), SignatureAlgorithm.RSA_SHA256, "a.pdf"), "a range past the end");
        assertThrows(SignetException.class, () -> PadesFormat.requireDigestOfRange(DOCUMENT, RANGE, new DERSet(),
                SignatureAlgorithm.RSA_SHA256, "a.pdf"), "no message digest at all");
    }
}
