package org.signet.signing;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.junit.jupiter.api.Test;
import org.signet.document.TestPdfs;
import org.signet.model.SignetException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DSS's output is read back as the direct writer's is: what is not the input plus an update is never returned. */
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
}
