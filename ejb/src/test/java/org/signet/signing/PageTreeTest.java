package org.signet.signing;

import org.junit.jupiter.api.Test;
import org.signet.document.TestPdfs;
import org.signet.model.SignetException;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check every PAdES path makes: the walk of the file's own structure refuses what is not a tree, PDFBox the rest. */
class PageTreeTest {

    @Test
    void aLoopAndAPageInTwoPlacesAreRefusedWithTheirReason() {
        SignetException loop = assertThrows(SignetException.class, () -> PageTree.requireTree(TestPdfs.LOOP, "loop.pdf"));
        assertEquals(SignetException.Kind.INVALID_INPUT, loop.kind());
        assertEquals("'loop.pdf' is not a PDF that can be signed: its page tree contains itself (a loop)", loop.getMessage());
        assertTrue(assertThrows(SignetException.class, () -> PageTree.requireTree(TestPdfs.PAGE_TWICE, "twice.pdf"))
                .getMessage().endsWith("a page appears twice in its page tree"));
    }

    @Test
    void aTreeIsAcceptedAndWhatTheWalkCannotReadIsLeftToPdfBox() {
        assertDoesNotThrow(() -> PageTree.requireTree(TestPdfs.pdf("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", TestPdfs.PAGE), "sound.pdf"));
        byte[] garbage = ("%PDF-1.7\n" + "garbage ".repeat(50) + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        SignetException refused = assertThrows(SignetException.class, () -> PageTree.requireTree(garbage, "garbage.pdf"));
        assertTrue(refused.getMessage().startsWith("'garbage.pdf' is not a PDF that can be signed"), refused.getMessage());
    }
}
