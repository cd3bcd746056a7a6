package org.signet.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.signet.model.SignetException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class PdfDocumentsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A PDF of the given objects (numbered from 1, the first the catalog) with a correct cross-reference table. */
    public static byte[] pdf(String... objects) {
        StringBuilder out = new StringBuilder("%PDF-1.7\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            offsets.add(out.length());
            out.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = out.length();
        out.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f\r\n");
        offsets.forEach(offset -> out.append(String.format("%010d 00000 n\r\n", offset)));
        out.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return bytes(out.toString());
    }

    public static final String PAGE = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>";
    /** /Pages lists itself after its page. */
    public static final byte[] LOOP = pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>", PAGE);
    /** The one page listed twice. */
    public static final byte[] PAGE_TWICE = pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>", PAGE);

    /**
     * A signed PDF 1.5 is raised to 1.7 by an incremental update of its catalog: the signed bytes come first, unchanged,
     * so the earlier signature still verifies over its byte range.
     */
    @Test
    void aSignedOlderPdfIsRaisedByAnUpdateThatLeavesItsSignedBytesAlone() throws Exception {
        byte[] signed = OutsideSigner.signedPdf15();
        try (PDDocument before = Loader.loadPDF(signed)) {
            assertEquals(1.5f, before.getVersion());
        }
        byte[] raised = PdfDocuments.atLeastVersion16(signed, "signed-1.5.pdf");
        assertTrue(raised.length > signed.length);
        assertArrayEquals(signed, Arrays.copyOf(raised, signed.length), "the signed revision stays as it was");
        try (PDDocument after = Loader.loadPDF(raised)) {
            assertEquals(1.7f, after.getVersion());
            assertEquals(1, after.getSignatureDictionaries().size());
            assertTrue(OutsideSigner.verifies(after.getSignatureDictionaries().get(0), raised), "the earlier signature verifies");
        }
    }

    @Test
    void aPageTreeThatIsNotATreeIsRefusedWithTheReason() throws Exception {
        byte[] sound = pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE);
        try (PDDocument document = Loader.loadPDF(sound)) {
            assertDoesNotThrow(() -> PdfDocuments.requireSoundPageTree(document, "sound.pdf"));
        }
        try (PDDocument document = Loader.loadPDF(LOOP)) {
            SignetException refusal = assertThrows(SignetException.class, () -> PdfDocuments.requireSoundPageTree(document, "loop.pdf"));
            assertEquals(SignetException.Kind.INVALID_INPUT, refusal.kind());
            assertEquals("'loop.pdf' is not a PDF that can be signed: its page tree contains itself (a loop)", refusal.getMessage());
        }
        try (PDDocument document = Loader.loadPDF(PAGE_TWICE)) {
            assertTrue(assertThrows(SignetException.class, () -> PdfDocuments.requireSoundPageTree(document, "twice.pdf"))
                    .getMessage().endsWith("a page appears twice in its page tree"));
        }
    }

    @Test
    void wholePdfPasses() {
        assertDoesNotThrow(() -> PdfDocuments.requireWholePdf(bytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")));
        // Junk before the header and after %%EOF is tolerated, as readers do.
        assertDoesNotThrow(() -> PdfDocuments.requireWholePdf(bytes("junk\n%PDF-1.4\n...\n%%EOF\r\n\0\0")));
    }

    @Test
    void emptyNotPdfAndTruncatedAreRefusedWithTheReason() {
        assertEquals("the document is empty", refusal(new byte[0]).getMessage());
        assertTrue(refusal(bytes("hello")).getMessage().contains("not a PDF"));
        SignetException truncated = refusal(bytes("%PDF-1.7\n1 0 obj\n<< /Length 10 >>\nstream\n01234"));
        assertTrue(truncated.getMessage().contains("truncated"));
        assertEquals(SignetException.Kind.INVALID_INPUT, truncated.kind());
        byte[] eofTooEarly = new byte[5000];
        System.arraycopy(bytes("%PDF-1.7\n%%EOF\n"), 0, eofTooEarly, 0, 15);
        assertTrue(refusal(eofTooEarly).getMessage().contains("truncated"));
    }

    @Test
    void aPdfHasItsHeaderInTheFirst1024Bytes() {
        assertTrue(PdfDocuments.hasPdfHeader(bytes("%PDF-1.7\n")));
        assertTrue(PdfDocuments.hasPdfHeader(bytes(" ".repeat(1019) + "%PDF-")));
        assertFalse(PdfDocuments.hasPdfHeader(bytes(" ".repeat(1020) + "%PDF-")));
        assertFalse(PdfDocuments.hasPdfHeader(bytes("PK\u0003\u0004 %PDF")));
        assertFalse(PdfDocuments.hasPdfHeader(new byte[0]));
        assertFalse(PdfDocuments.hasPdfHeader(null));
    }

    @Test
    void signedNamesFollowTheInput() {
        assertEquals("invoice-signed.pdf", PdfDocuments.signedName("invoice.PDF"));
        assertEquals("scan-signed.pdf", PdfDocuments.signedName("scan"));
    }

    private static SignetException refusal(byte[] document) {
        return assertThrows(SignetException.class, () -> PdfDocuments.requireWholePdf(document));
    }
}
