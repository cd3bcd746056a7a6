package org.signet.it;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.signet.client.soap.PdfSignRequest;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Visible stamps and real-world inputs. Where a stamp landed is judged by poppler: the page is rendered before and
 * after signing, and every changed pixel must lie inside the requested rectangle (and some must have changed).
 * PDF/A is judged by veraPDF.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VisibleStampIT {

    /** Rendering at 72 dpi makes one pixel one point; anti-aliasing may bleed a pixel over the edge. */
    private static final int TOLERANCE = 2;

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    @Test
    void stampAtAPageAndRectangleLandsExactlyThere() throws IOException {
        byte[] pdf = TestDocuments.pdf(3, "Annual report 2026");
        byte[] signed = signPdf(pdf, "visible=true&page=2&rect=300,500,220,70&reason=Approved"
                + "&stampText=" + URLEncoder.encode("Sealed by {signer}\nReason: {reason}\nSerial {serial}\nNo {contact} line", StandardCharsets.UTF_8));

        assertValid(signed, 1);
        Box changed = changedPixels(pdf, signed, 2);
        assertInside(changed, 300, 500, 220, 70);
        assertNull(changedPixels(pdf, signed, 1), "page 1 must not change");
        assertNull(changedPixels(pdf, signed, 3), "page 3 must not change");
        assertFontsEmbedded(signed);
    }

    @Test
    void defaultStampGoesToTheBottomLeftOfPageOne() throws IOException {
        byte[] pdf = TestDocuments.pdf(1, "Delivery note");
        byte[] signed = signPdf(pdf, "visible=true");
        assertValid(signed, 1);
        // A4 is 595.3 x 841.9 points; the default stamp is 240 x 70 at half an inch from the left and bottom edges.
        assertInside(changedPixels(pdf, signed, 1), 36, 841.9f - 36 - 70, 240, 70);
    }

    @Test
    void soapStampWithALogoStaysUprightOnARotatedPage() throws Exception {
        byte[] pdf = rotated(TestDocuments.pdf(1, "Landscape plan"), 90);
        PdfSignRequest request = new PdfSignRequest();
        request.setSeal(SignetServer.DEMO_SEAL);
        request.setDocument(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        request.setDocumentName("plan.pdf");
        request.setRect("40,40,260,80");
        request.setStampImage(new DataHandler(new ByteArrayDataSource(logo(true), "image/png")));
        request.setStampText("Sealed by {signer}\n{date}");
        byte[] signed = readAll(SignetServer.demoSoap().signPdf(request).getDocument().getInputStream());

        assertValid(signed, 1);
        // The rectangle is in the page as displayed: landscape, 841.9 wide, origin top left.
        Box changed = changedPixels(pdf, signed, 1);
        assertInside(changed, 40, 40, 260, 80);
        assertTrue(changed.width() > changed.height(), "an upright stamp is wider than high on the displayed page: " + changed);
    }

    @ParameterizedTest(name = "{0} into {1}")
    @CsvSource({"pdftex-field.pdf, Approval", "ghostscript-field.pdf, *"})
    void stampFillsTheEmptySignatureFieldOfARealWorldInput(String input, String field) throws IOException {
        byte[] pdf = input(input);
        float[] fieldBox = fieldRectangle(pdf, "Approval");
        byte[] signed = signPdf(pdf, "visible=true&field=" + URLEncoder.encode(field, StandardCharsets.UTF_8) + "&level=T");

        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "signed.pdf", signed));
        assertTrue(pdfsig.output().contains("Signature Field Name: Approval"), pdfsig.output());
        assertFalse(pdfsig.output().contains("not signed"), pdfsig.output());
        assertValid(signed, 1);
        assertInside(changedPixels(pdf, signed, 1), fieldBox[0], fieldBox[1], fieldBox[2], fieldBox[3]);
    }

    @ParameterizedTest
    @CsvSource({"libreoffice-pdfa1a.pdf, 1a, B", "libreoffice-pdfa2b.pdf, 2b, B", "libreoffice-pdfa2b.pdf, 2b, LTA"})
    void aPdfaInputStaysPdfaWithAStampAndATransparentLogo(String input, String flavour, String level) throws IOException {
        byte[] pdf = input(input);
        OutsideVerifiers.PdfaVerdict before = OutsideVerifiers.veraPdf(pdf);
        assertTrue(before.compliant(), "the input itself must be valid PDF/A: " + before);

        byte[] signed = signMultipart(pdf, input, new SignetServer.Multipart().text("level", level).text("visible", "true")
                .text("reason", "Archived").file("image", "logo.png", logo(true)));

        assertValid(signed, 1);
        OutsideVerifiers.PdfaVerdict after = OutsideVerifiers.veraPdf(signed);
        assertEquals(flavour, after.flavour());
        assertTrue(after.compliant(), "veraPDF after signing: " + after);
    }

    /** The hot folders' path: an invisible B-B signature in a revision written without parsing the document. */
    @Test
    void aPdfaInputStaysPdfaWithAnInvisibleBaselineBSignature() throws IOException {
        byte[] pdf = input("libreoffice-pdfa2b.pdf");
        byte[] signed = signMultipart(pdf, "libreoffice-pdfa2b.pdf", new SignetServer.Multipart().text("level", "B"));
        assertValid(signed, 1);
        OutsideVerifiers.PdfaVerdict after = OutsideVerifiers.veraPdf(signed);
        assertEquals("2b", after.flavour());
        assertTrue(after.compliant(), "veraPDF after signing: " + after);
    }

    @Test
    void anInputThatIsNotPdfaIsNotMadeToLookLikeOne() throws IOException {
        byte[] signed = signPdf(input("libreoffice-plain.pdf"), "visible=true&level=LT");
        assertValid(signed, 1);
        assertNull(OutsideVerifiers.veraPdf(signed).flavour(), "the signed copy claims PDF/A");
        HttpResponse<byte[]> analysis = SignetServer.demoPost("/signet/api/analyze", "application/pdf", signed);
        assertEquals(200, analysis.statusCode(), SignetServer.text(analysis));
        assertFalse(SignetServer.text(analysis).contains("pdfaPart\":\""), SignetServer.text(analysis));
    }

    @Test
    void severalVisibleSignersInSequenceEachKeepTheirStampAndValidity() throws IOException {
        byte[] pdf = input("pdftex-field.pdf");
        byte[] first = signPdf(pdf, "field=Approval&signerName=" + URLEncoder.encode("Anna Archivist", StandardCharsets.UTF_8));
        byte[] second = signPdf(first, "rect=300,600,200,60&signerName=" + URLEncoder.encode("Bert Bookkeeper", StandardCharsets.UTF_8));
        assertValid(second, 2);
        assertInside(changedPixels(first, second, 1), 300, 600, 200, 60);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "rect=500,700,200,100|does not fit on page 1",
            "page=9|has 1 page",
            "rect=1,2,3|is not x,y,width,height",
            "rect=-5,2,30,40|x, y ≥ 0",
            "stampText=Signed+by+%7Bnobody%7D|{nobody}",
            "field=Approval&rect=10,10,100,40|not both",
            "page=zwei|is not a page number"})
    void badStampRequestsAreRefusedWithTheReason(String queryAndReason) {
        String[] parts = queryAndReason.split("\\|");
        byte[] pdf = parts[0].contains("field=") ? input("pdftex-field.pdf") : TestDocuments.pdf(1, "Refused");
        HttpResponse<byte[]> response = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&" + parts[0], "application/pdf", pdf);
        assertEquals(400, response.statusCode(), SignetServer.text(response));
        assertTrue(SignetServer.text(response).contains(parts[1]), SignetServer.text(response));
    }

    @Test
    void hostileStampImagesAreRefusedBeforeAnythingDecodesThem() throws IOException {
        byte[] pdf = TestDocuments.pdf(1, "Logo test");
        SignetServer.Multipart garbage = new SignetServer.Multipart().text("seal", "demo").file("document", "a.pdf", pdf)
                .file("image", "logo.png", "GIF89a not really".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<byte[]> notAnImage = SignetServer.demoPost("/signet/api/sign/pdf", garbage.contentType(), garbage.body());
        assertEquals(400, notAnImage.statusCode(), SignetServer.text(notAnImage));
        assertTrue(SignetServer.text(notAnImage).contains("stamp image"), SignetServer.text(notAnImage));

        SignetServer.Multipart bomb = new SignetServer.Multipart().text("seal", "demo").file("document", "a.pdf", pdf)
                .file("image", "bomb.png", pngClaiming(100_000, 100_000));
        HttpResponse<byte[]> refused = SignetServer.demoPost("/signet/api/sign/pdf", bomb.contentType(), bomb.body());
        assertEquals(400, refused.statusCode(), SignetServer.text(refused));
        assertTrue(SignetServer.text(refused).contains("100000 × 100000 pixels"), SignetServer.text(refused));
    }

    // --- helpers ---

    private byte[] signPdf(byte[] pdf, String query) {
        HttpResponse<byte[]> response = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&" + query, "application/pdf", pdf);
        assertEquals(200, response.statusCode(), () -> SignetServer.text(response));
        return response.body();
    }

    private byte[] signMultipart(byte[] pdf, String name, SignetServer.Multipart options) {
        SignetServer.Multipart body = options.text("seal", "demo").file("document", name, pdf);
        HttpResponse<byte[]> response = SignetServer.demoPost("/signet/api/sign/pdf", body.contentType(), body.body());
        assertEquals(200, response.statusCode(), () -> SignetServer.text(response));
        return response.body();
    }

    private void assertValid(byte[] signed, int signatures) {
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "checked.pdf", signed));
        assertEquals(0, pdfsig.exitCode(), pdfsig.output());
        int valid = pdfsig.output().split("Signature is Valid\\.", -1).length - 1;
        assertEquals(signatures, valid, pdfsig.output());
        SimpleReport dss = OutsideVerifiers.dss(signed, null);
        assertEquals(signatures, dss.getSignatureIdList().size());
        for (String id : dss.getSignatureIdList()) {
            assertEquals(Indication.TOTAL_PASSED, dss.getIndication(id), () -> dss.getAdESValidationErrors(id).toString());
        }
    }

    record Box(int left, int top, int right, int bottom) {
        int width() { return right - left + 1; }
        int height() { return bottom - top + 1; }
    }

    private static void assertInside(Box changed, float x, float y, float width, float height) {
        assertNotNull(changed, "nothing was drawn on the page");
        String where = "changed pixels " + changed + " must lie in " + x + "," + y + "," + width + "," + height;
        assertTrue(changed.left() >= x - TOLERANCE && changed.top() >= y - TOLERANCE, where);
        assertTrue(changed.right() <= x + width + TOLERANCE && changed.bottom() <= y + height + TOLERANCE, where);
        assertTrue(changed.width() * changed.height() > width * height / 20, "too little was drawn: " + where);
    }

    /** The bounding box of pixels that differ between the two renderings of a page, or null when none do. */
    private Box changedPixels(byte[] before, byte[] after, int page) {
        int[][] a = render(before, page, "before");
        int[][] b = render(after, page, "after");
        assertEquals(a.length, b.length, "page size changed");
        int left = Integer.MAX_VALUE, top = Integer.MAX_VALUE, right = -1, bottom = -1;
        for (int y = 0; y < a.length; y++) {
            for (int x = 0; x < a[y].length; x++) {
                if (Math.abs(a[y][x] - b[y][x]) > 16) {
                    left = Math.min(left, x);
                    top = Math.min(top, y);
                    right = Math.max(right, x);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        return right < 0 ? null : new Box(left, top, right, bottom);
    }

    /** poppler's rendering of one page at 72 dpi in grey, as [row][column]. */
    private int[][] render(byte[] pdf, int page, String name) {
        Path file = OutsideVerifiers.write(dir, name + ".pdf", pdf);
        Path prefix = dir.resolve(name + "-render");
        OutsideVerifiers.Run run = OutsideVerifiers.run(List.of("pdftoppm", "-r", "72", "-gray", "-f", String.valueOf(page),
                "-l", String.valueOf(page), "-singlefile", file.toString(), prefix.toString()));
        assertEquals(0, run.exitCode(), run.output());
        try {
            byte[] pgm = Files.readAllBytes(dir.resolve(name + "-render.pgm"));
            // P5 header: "P5\n<width> <height>\n255\n" then one byte a pixel
            int at = 0;
            List<String> header = new ArrayList<>();
            while (header.size() < 4) {
                StringBuilder token = new StringBuilder();
                while (Character.isWhitespace(pgm[at])) at++;
                while (!Character.isWhitespace(pgm[at])) token.append((char) pgm[at++]);
                header.add(token.toString());
            }
            at++;
            int width = Integer.parseInt(header.get(1));
            int height = Integer.parseInt(header.get(2));
            int[][] pixels = new int[height][width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    pixels[y][x] = pgm[at + y * width + x] & 0xff;
                }
            }
            return pixels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The named field's rectangle as x, y, width, height from the top-left of its (unrotated) page. */
    private static float[] fieldRectangle(byte[] pdf, String name) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignatureField field = (PDSignatureField) document.getDocumentCatalog().getAcroForm().getField(name);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            PDRectangle r = widget.getRectangle();
            PDPage page = widget.getPage() != null ? widget.getPage() : document.getPage(0);
            float pageHeight = page.getCropBox().getUpperRightY();
            return new float[] {r.getLowerLeftX(), pageHeight - r.getUpperRightY(), r.getWidth(), r.getHeight()};
        }
    }

    /** Every font a signature appearance uses is embedded: PDF/A's first demand of a stamp. */
    private static void assertFontsEmbedded(byte[] signed) throws IOException {
        try (PDDocument document = Loader.loadPDF(signed)) {
            int fonts = 0;
            for (PDSignatureField field : document.getSignatureFields()) {
                for (PDAnnotationWidget widget : field.getWidgets()) {
                    if (widget.getNormalAppearanceStream() != null) {
                        fonts += countEmbeddedFonts(widget.getNormalAppearanceStream().getResources(), 0);
                    }
                }
            }
            assertTrue(fonts > 0, "the stamp's text uses no font");
        }
    }

    private static int countEmbeddedFonts(PDResources resources, int depth) throws IOException {
        if (resources == null || depth > 5) {
            return 0;
        }
        int count = 0;
        for (var name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            assertTrue(font.isEmbedded(), "font " + font.getName() + " is not embedded");
            count++;
        }
        for (var name : resources.getXObjectNames()) {
            PDXObject xobject = resources.getXObject(name);
            if (xobject instanceof PDFormXObject form) {
                count += countEmbeddedFonts(form.getResources(), depth + 1);
            }
        }
        return count;
    }

    private static byte[] rotated(byte[] pdf, int degrees) {
        try (PDDocument document = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.getPage(0).setRotation(degrees);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 120 x 60 logo: a dark square and, when transparent, a half-transparent bar (an alpha channel). */
    static byte[] logo(boolean transparent) {
        BufferedImage image = new BufferedImage(120, 60, transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            if (!transparent) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, 120, 60);
            }
            g.setColor(new Color(0, 40, 120));
            g.fillRect(10, 10, 40, 40);
            g.setColor(new Color(200, 0, 0, 128));
            g.fillRect(55, 20, 60, 20);
        } finally {
            g.dispose();
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real 1 x 1 PNG whose header then claims the given size: a decompression bomb's first bytes. */
    private static byte[] pngClaiming(int width, int height) {
        byte[] png = logo(false).clone();
        // IHDR data starts at byte 16: width and height, big-endian; the chunk's CRC is left as it was.
        ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
        return png;
    }

    private static byte[] input(String name) {
        try (InputStream in = VisibleStampIT.class.getResourceAsStream("/inputs/" + name)) {
            assertNotNull(in, "test input " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
