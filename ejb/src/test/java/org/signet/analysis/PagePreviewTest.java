package org.signet.analysis;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.signet.model.SignetException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page picture a person places a stamp on: the page as displayed, at most 1,200 pixels, with its size in points. */
class PagePreviewTest {

    @Test
    void aPageIsShownAsDisplayedWithItsSizeInPoints() throws Exception {
        byte[] pdf = pdf(new PDRectangle(595, 842), 0, new PDRectangle(1190, 420), 90);
        PagePreview.Picture first = PagePreview.picture(pdf, "two.pdf", 1);
        assertEquals(2, first.pages());
        assertEquals(595, first.widthPoints(), 0.01);
        assertEquals(842, first.heightPoints(), 0.01);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(first.png()));
        assertEquals(1200, image.getHeight(), "the longer side is 1,200 pixels");
        assertEquals(848, image.getWidth(), 1);
        // a black square drawn at (100, 100) points from the bottom left lies near the top left's (100, 742) when shown
        double scale = image.getWidth() / 595.0;
        assertEquals(0, image.getRGB((int) (110 * scale), (int) ((842 - 110) * scale)) & 0xffffff, "the square is where the page has it");

        PagePreview.Picture turned = PagePreview.picture(pdf, "two.pdf", 2);
        assertEquals(420, turned.widthPoints(), 0.01, "a page turned by 90 degrees is shown upright, its sides swapped");
        assertEquals(1190, turned.heightPoints(), 0.01);
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(turned.png()));
        assertTrue(upright.getHeight() > upright.getWidth(), upright.getWidth() + "x" + upright.getHeight());
    }

    @Test
    void aMissingPageOrANonPdfIsRefusedByName() throws Exception {
        byte[] pdf = pdf(PDRectangle.A4, 0, PDRectangle.A4, 0);
        SignetException noPage = assertThrows(SignetException.class, () -> PagePreview.picture(pdf, "two.pdf", 3));
        assertEquals("'two.pdf' has 2 pages, not a page 3", noPage.getMessage());
        SignetException notPdf = assertThrows(SignetException.class,
                () -> PagePreview.picture("plain text".getBytes(StandardCharsets.US_ASCII), "note.txt", 1));
        assertEquals("'note.txt' is not a PDF (no %PDF- header)", notPdf.getMessage());
        byte[] cut = Arrays.copyOf(pdf, pdf.length / 3);
        SignetException broken = assertThrows(SignetException.class, () -> PagePreview.picture(cut, "cut.pdf", 1));
        assertTrue(broken.getMessage().startsWith("'cut.pdf' cannot be shown"), broken.getMessage());
    }

    private static byte[] pdf(PDRectangle firstSize, int firstRotation, PDRectangle secondSize, int secondRotation) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage first = new PDPage(firstSize);
            first.setRotation(firstRotation);
            document.addPage(first);
            try (PDPageContentStream content = new PDPageContentStream(document, first)) {
                content.addRect(100, 100, 20, 20);
                content.fill();
            }
            PDPage second = new PDPage(secondSize);
            second.setRotation(secondRotation);
            document.addPage(second);
            document.save(out);
            return out.toByteArray();
        }
    }
}
