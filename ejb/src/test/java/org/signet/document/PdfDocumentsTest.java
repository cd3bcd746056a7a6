package org.signet.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.signet.model.SignetException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DeflaterOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class PdfDocumentsTest {

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
        byte[] sound = TestPdfs.pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", TestPdfs.PAGE);
        try (PDDocument document = Loader.loadPDF(sound)) {
            assertDoesNotThrow(() -> PdfDocuments.requireSoundPageTree(document, "sound.pdf"));
        }
        try (PDDocument document = Loader.loadPDF(TestPdfs.LOOP)) {
            SignetException refusal = assertThrows(SignetException.class, () -> PdfDocuments.requireSoundPageTree(document, "loop.pdf"));
            assertEquals(SignetException.Kind.INVALID_INPUT, refusal.kind());
            assertEquals("'loop.pdf' is not a PDF that can be signed: its page tree contains itself (a loop)", refusal.getMessage());
        }
        try (PDDocument document = Loader.loadPDF(TestPdfs.PAGE_TWICE)) {
            assertTrue(assertThrows(SignetException.class, () -> PdfDocuments.requireSoundPageTree(document, "twice.pdf"))
                    .getMessage().endsWith("a page appears twice in its page tree"));
        }
    }

    @Test
    void wholePdfPasses() {
        assertDoesNotThrow(() -> PdfDocuments.requireWholePdf(TestPdfs.bytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")));
        // Junk before the header and after %%EOF is tolerated, as readers do.
        assertDoesNotThrow(() -> PdfDocuments.requireWholePdf(TestPdfs.bytes("junk\n%PDF-1.4\n...\n%%EOF\r\n\0\0")));
    }

    @Test
    void emptyNotPdfAndTruncatedAreRefusedWithTheReason() {
        assertEquals("the document is empty", refusal(new byte[0]).getMessage());
        assertTrue(refusal(TestPdfs.bytes("hello")).getMessage().contains("not a PDF"));
        SignetException truncated = refusal(TestPdfs.bytes("%PDF-1.7\n1 0 obj\n<< /Length 10 >>\nstream\n01234"));
        assertTrue(truncated.getMessage().contains("truncated"));
        assertEquals(SignetException.Kind.INVALID_INPUT, truncated.kind());
        byte[] eofTooEarly = new byte[5000];
        System.arraycopy(TestPdfs.bytes("%PDF-1.7\n%%EOF\n"), 0, eofTooEarly, 0, 15);
        assertTrue(refusal(eofTooEarly).getMessage().contains("truncated"));
    }

    @Test
    void aPdfHasItsHeaderInTheFirst1024Bytes() {
        assertTrue(PdfDocuments.hasPdfHeader(TestPdfs.bytes("%PDF-1.7\n")));
        assertTrue(PdfDocuments.hasPdfHeader(TestPdfs.bytes(" ".repeat(1019) + "%PDF-")));
        assertFalse(PdfDocuments.hasPdfHeader(TestPdfs.bytes(" ".repeat(1020) + "%PDF-")));
        assertFalse(PdfDocuments.hasPdfHeader(TestPdfs.bytes("PK\u0003\u0004 %PDF")));
        assertFalse(PdfDocuments.hasPdfHeader(new byte[0]));
        assertFalse(PdfDocuments.hasPdfHeader(null));
    }

    @Test
    void signedNamesFollowTheInput() {
        assertEquals("invoice-signed.pdf", PdfDocuments.signedName("invoice.PDF"));
        assertEquals("scan-signed.pdf", PdfDocuments.signedName("scan"));
    }

    /**
     * An XMP stream that claims PDF/A-2B and goes on with 2 GiB of zeros, in 2 MB of Flate: read up to its bound and
     * left unread beyond it (so the claim is not believed), never decoded whole (PDFBox's own decoding runs out of heap).
     */
    @Test
    void aFlateBombAsXmpIsNotDecodedWhole() throws Exception {
        byte[] xmp = "<x:xmpmeta><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></x:xmpmeta>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] bomb = TestPdfs.flateBomb(xmp, 2048);
        try (PDDocument document = Loader.loadPDF(TestPdfs.withXmp(bomb, "/FlateDecode"))) {
            assertEquals("", PdfDocuments.xmpMetadata(document));
            assertNull(PdfDocuments.pdfaPart(document));
        }
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
            out.write(xmp);
        }
        for (byte[] claimed : List.of(TestPdfs.withXmp(xmp, null), TestPdfs.withXmp(deflated.toByteArray(), "[/FlateDecode]"),
                TestPdfs.withXmp(TestPdfs.flateBomb(xmp, 0), "/FlateDecode"))) {
            try (PDDocument document = Loader.loadPDF(claimed)) {
                assertEquals("2", PdfDocuments.pdfaPart(document));
                assertEquals("B", PdfDocuments.pdfaConformance(document));
            }
        }
    }

    private static SignetException refusal(byte[] document) {
        return assertThrows(SignetException.class, () -> PdfDocuments.requireWholePdf(document));
    }
}
