package org.signet.signing;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.junit.jupiter.api.Test;
import org.signet.document.TestPdfs;
import org.signet.model.SignetException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DSS's output is read back as the direct writer's is: what is not the input plus an update is never returned. A stamped
 * signature patched into DSS's prepared document is checked as the direct writer checks its own.
 */
class PadesFormatTest {

    private static final byte[] INPUT = TestPdfs.pdf("<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", TestPdfs.PAGE);
    /** An incremental update that adds nothing harmful: an information dictionary. */
    private static final byte[] UPDATE = update(4, "<< /Producer (update) >>", " /Info 4 0 R");

    /** An incremental update of INPUT that writes object {@code number} anew, with a correct cross-reference section. */
    private static byte[] update(int number, String object, String trailerExtra) {
        String body = number + " 0 obj\n" + object + "\nendobj\n";
        String xref = "xref\n0 1\n0000000000 65535 f\r\n" + number + " 1\n" + String.format("%010d 00000 n\r\n", INPUT.length)
                + "trailer\n<< /Size " + Math.max(4, number + 1) + " /Root 1 0 R /Prev "
                + new String(INPUT, StandardCharsets.ISO_8859_1).lastIndexOf("xref") + trailerExtra + " >>\nstartxref\n"
                + (INPUT.length + body.length()) + "\n%%EOF\n";
        return (body + xref).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theInputFollowedByAnUpdateIsReturned() {
        byte[] output = concat(INPUT, UPDATE);
        assertArrayEquals(output, ((InMemoryDocument) PadesFormat.readBack(INPUT, document(output), "sound.pdf")).getBytes());
    }

    @Test
    void anOutputThatChangedTheInputOrEndsCutIsRefused() {
        byte[] changed = concat(INPUT, UPDATE);
        changed[20] ^= 1;
        assertRefused(PadesFormat::readBack, changed, "does not begin with the document as given");
        byte[] cut = Arrays.copyOf(concat(INPUT, UPDATE), INPUT.length + UPDATE.length - 7);
        assertRefused(PadesFormat::readBack, cut, "truncated");
    }

    private interface ReadBack {
        DSSDocument check(byte[] input, DSSDocument output, String name);
    }

    private static void assertRefused(ReadBack readBack, byte[] output, String reason) {
        SignetException refusal = assertThrows(SignetException.class, () -> readBack.check(INPUT, document(output), "out.pdf"));
        assertEquals(SignetException.Kind.SIGNING_FAILED, refusal.kind());
        assertTrue(refusal.getMessage().contains(reason) && refusal.getMessage().endsWith("nothing was returned"), refusal.getMessage());
    }

    private static DSSDocument document(byte[] bytes) {
        return new InMemoryDocument(bytes, "signed.pdf");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

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
