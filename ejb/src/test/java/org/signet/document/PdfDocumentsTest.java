package org.signet.document;

import org.junit.jupiter.api.Test;
import org.signet.model.SignetException;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PdfDocumentsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
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
