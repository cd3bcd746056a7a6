package org.signet.signing;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stamp's look, through DSS as Signet signs: a framed opaque card whose text is real text in an embedded subset
 * font, fitted to the rectangle at any size, upright on a turned page; and the preview is the same drawing.
 */
class SealStampDrawerTest {

    private static final KeyPair KEYS;
    private static final X509Certificate CERTIFICATE;

    static {
        try {
            KEYS = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            CERTIFICATE = PadesBaselineBTest.selfSigned(KEYS, "SHA256withRSA");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PadesFormat pades = new PadesFormat(new CommonCertificateVerifier(), null);

    @Test
    void thePreviewIsAFramedOpaqueCardWithTheTextInside() throws Exception {
        BufferedImage stamp = preview(page(0), "36,36,240,70");
        assertEquals(240.0 / 70, (double) stamp.getWidth() / stamp.getHeight(), 0.1, "the picture has the rectangle's proportions");
        assertClose(SealStampDrawer.FRAME, new Color(stamp.getRGB(1, stamp.getHeight() / 2)), "the left border");
        assertClose(SealStampDrawer.FRAME, new Color(stamp.getRGB(stamp.getWidth() / 2, 1)), "the top border");
        int dark = 0;
        int white = 0;
        for (int x = stamp.getWidth() / 10; x < stamp.getWidth() * 9 / 10; x++) {
            for (int y = stamp.getHeight() / 8; y < stamp.getHeight() * 7 / 8; y++) {
                int grey = grey(stamp.getRGB(x, y));
                dark += grey < 100 ? 1 : 0;
                white += grey > 245 ? 1 : 0;
            }
        }
        int inside = (stamp.getWidth() * 8 / 10) * (stamp.getHeight() * 6 / 8);
        assertTrue(white > inside / 2, "an opaque white card: " + white + " of " + inside);
        assertTrue(dark > inside / 50, "text on it: " + dark + " dark pixels of " + inside);
    }

    @Test
    void onATurnedPageTheStampReadsUpright() throws Exception {
        // the rectangle is given as the page is displayed: the stamp's heading runs along the reader's x axis
        byte[] signed = sign(page(90), "36,36,240,70");
        try (PDDocument document = Loader.loadPDF(signed)) {
            PDRectangle onPage = widget(document).getRectangle();
            assertTrue(onPage.getHeight() > 3 * onPage.getWidth(), "turned with the page: " + onPage);
            BufferedImage shown = new PDFRenderer(document).renderImage(0, 2);
            // the displayed page is 842 wide: the stamp's frame lies at its top left, wide, as dragged
            assertClose(SealStampDrawer.FRAME, new Color(shown.getRGB(2 * 36 + 1, 2 * 36 + 2 * 35)), "the left border");
            assertClose(SealStampDrawer.FRAME, new Color(shown.getRGB(2 * 36 + 2 * 120, 2 * 36 + 1)), "the top border");
            assertClose(Color.WHITE, new Color(shown.getRGB(2 * 36 + 2 * 120, 2 * 36 + 2 * 100)), "the page under the stamp");
            int upper = 0;
            int lower = 0;
            for (int x = 2 * 40; x < 2 * 272; x++) {
                for (int y = 2 * 40; y < 2 * 102; y++) {
                    Color c = new Color(shown.getRGB(x, y));
                    if (c.getBlue() > c.getRed() + 30 && c.getBlue() < 200) {
                        if (y < 2 * 71) {
                            upper++;
                        } else {
                            lower++;
                        }
                    }
                }
            }
            assertTrue(upper > 3 * lower, "the heading (in the frame's colour) on top, as the reader looks: " + upper + " above, " + lower + " below");
        }
    }

    @Test
    void theSignedStampIsRealTextInAnEmbeddedSubsetAndEveryLineFitsASmallRectangle() throws Exception {
        byte[] pdf = page(0);
        for (String rect : List.of("36,36,240,70", "36,36,60,90", "36,36,400,14")) {
            byte[] signed = sign(pdf, rect);
            assertTrue(signed.length - pdf.length < 80_000, "a subset of the font, not all of it: " + (signed.length - pdf.length) + " bytes added");
            try (PDDocument document = Loader.loadPDF(signed)) {
                PDFormXObject appearance = widget(document).getAppearance().getNormalAppearance().getAppearanceStream();
                List<PDFont> fonts = fonts(appearance.getResources());
                assertFalse(fonts.isEmpty(), "the stamp's text is drawn in a font");
                for (PDFont font : fonts) {
                    assertTrue(font.isEmbedded() && font.getName().matches("[A-Z]{6}\\+.*"), "an embedded subset: " + font.getName());
                }
                String text = shownText(appearance);
                assertTrue(text.contains("Digitally sealed by Test Seal"), "the heading is text, not a picture of it: " + text);
                assertTrue(text.contains("Reason: Invoice"), "the lines below it too: " + text);
            }
        }
    }

    @Test
    void aLogoIsPreparedOnceAndEveryDocumentCarriesItsOwnCopy() throws Exception {
        BufferedImage red = new BufferedImage(120, 60, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < red.getWidth(); x++) {
            for (int y = 0; y < red.getHeight(); y++) {
                red.setRGB(x, y, y < 50 ? 0xFFE00000 : 0x00000000); // a transparent strip at the bottom: a soft mask
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(red, "png", png);
        byte[] logo = png.toByteArray();
        assertTrue(StampLogo.of(logo) == StampLogo.of(logo.clone()), "prepared once per image, whatever array holds it");

        for (int round = 0; round < 2; round++) {
            PendingSignature pending = pades.prepare(new SignRequest("demo", SignatureFormat.PADES, SignatureLevel.B, null, null, page(0),
                    "letter.pdf", new PdfSignatureFields(null, "Invoice", null, null, null, null,
                            VisibleStamp.of(true, "1", "36,36,240,70", logo, null))), List.of(new CertificateToken(CERTIFICATE)), new Date());
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(KEYS.getPrivate());
            signer.update(pending.dataToSign());
            byte[] signed = pending.complete().apply(signer.sign()).openStream().readAllBytes();
            try (PDDocument document = Loader.loadPDF(signed)) {
                PDFormXObject appearance = widget(document).getAppearance().getNormalAppearance().getAppearanceStream();
                List<PDImageXObject> images = images(appearance.getResources());
                assertEquals(1, images.size(), "the logo, once");
                assertEquals(120, images.get(0).getWidth());
                assertTrue(images.get(0).getCOSObject().getCOSStream(COSName.SMASK) != null, "its transparency kept");
                BufferedImage shown = new PDFRenderer(document).renderImage(0, 2);
                int redPixels = 0;
                for (int x = 2 * 36; x < 2 * 110; x++) {
                    for (int y = 2 * 36; y < 2 * 106; y++) { // the rectangle is measured from the page's top left
                        Color c = new Color(shown.getRGB(x, y));
                        redPixels += c.getRed() > 180 && c.getGreen() < 60 && c.getBlue() < 60 ? 1 : 0;
                    }
                }
                assertTrue(redPixels > 1_000, "the logo is drawn at the stamp's left: " + redPixels + " red pixels");
                assertTrue(shownText(appearance).contains("Digitally sealed by Test Seal"), "and the text beside it");
            }
        }
    }

    @Test
    void stampsDrawnOnSeveralThreadsAtOnceEachCarryTheirOwnText() throws Exception {
        byte[] pdf = page(0);
        List<java.util.concurrent.Callable<String>> signings = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String reason = "Invoice " + i;
            signings.add(() -> {
                PendingSignature pending = pades.prepare(new SignRequest("demo", SignatureFormat.PADES, SignatureLevel.B, null, null, pdf,
                        "letter.pdf", new PdfSignatureFields(null, reason, null, null, null, null, VisibleStamp.of(true, "1",
                        "36,36,240,70", null, null))), List.of(new CertificateToken(CERTIFICATE)), new Date());
                Signature signer = Signature.getInstance("SHA256withRSA");
                signer.initSign(KEYS.getPrivate());
                signer.update(pending.dataToSign());
                try (PDDocument document = Loader.loadPDF(pending.complete().apply(signer.sign()).openStream().readAllBytes())) {
                    return shownText(widget(document).getAppearance().getNormalAppearance().getAppearanceStream());
                }
            });
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var answers = pool.invokeAll(signings);
            for (int i = 0; i < answers.size(); i++) {
                String text = answers.get(i).get();
                assertTrue(text.contains("Reason: Invoice " + i + " "), "stamp " + i + " shows its own reason: " + text);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<PDImageXObject> images(PDResources resources) throws Exception {
        List<PDImageXObject> images = new ArrayList<>();
        for (var name : resources.getXObjectNames()) {
            PDXObject inner = resources.getXObject(name);
            if (inner instanceof PDImageXObject image) {
                images.add(image);
            } else if (inner instanceof PDFormXObject form && form.getResources() != null) {
                images.addAll(images(form.getResources()));
            }
        }
        return images;
    }

    private static PDAnnotationWidget widget(PDDocument document) {
        return ((PDSignatureField) document.getDocumentCatalog().getAcroForm().getFields().get(0)).getWidgets().get(0);
    }

    /** The text the appearance shows, decoded through its fonts (a text extractor reads pages, not appearances). */
    private static String shownText(PDFormXObject form) throws Exception {
        StringBuilder text = new StringBuilder();
        PDFStreamParser parser = new PDFStreamParser(form);
        List<Object> operands = new ArrayList<>();
        PDFont font = null;
        for (Object token = parser.parseNextToken(); token != null; token = parser.parseNextToken()) {
            if (!(token instanceof Operator operator)) {
                operands.add(token);
                continue;
            }
            if (operator.getName().equals("Tf")) {
                font = form.getResources().getFont((COSName) operands.get(0));
            } else if (operator.getName().equals("Tj") && font != null) {
                InputStream codes = new ByteArrayInputStream(((COSString) operands.get(0)).getBytes());
                while (codes.available() > 0) {
                    text.append(font.toUnicode(font.readCode(codes)));
                }
                text.append(' ');
            } else if (operator.getName().equals("Do")) {
                PDXObject inner = form.getResources().getXObject((COSName) operands.get(0));
                if (inner instanceof PDFormXObject innerForm) {
                    text.append(shownText(innerForm));
                }
            }
            operands.clear();
        }
        return text.toString().replaceAll("\\s+", " ");
    }

    private static List<PDFont> fonts(PDResources resources) throws Exception {
        List<PDFont> fonts = new ArrayList<>();
        if (resources == null) {
            return fonts;
        }
        for (var name : resources.getFontNames()) {
            fonts.add(resources.getFont(name));
        }
        for (var name : resources.getXObjectNames()) {
            PDXObject inner = resources.getXObject(name);
            if (inner instanceof PDFormXObject form) {
                fonts.addAll(fonts(form.getResources()));
            }
        }
        return fonts;
    }

    private BufferedImage preview(byte[] pdf, String rect) throws Exception {
        byte[] png = pades.stampPreview(request(pdf, rect), List.of(new CertificateToken(CERTIFICATE)), new Date());
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private byte[] sign(byte[] pdf, String rect) throws Exception {
        PendingSignature pending = pades.prepare(request(pdf, rect), List.of(new CertificateToken(CERTIFICATE)), new Date());
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(KEYS.getPrivate());
        signer.update(pending.dataToSign());
        assertEquals(SignatureAlgorithm.RSA_SHA256, pending.algorithm());
        return pending.complete().apply(signer.sign()).openStream().readAllBytes();
    }

    private static SignRequest request(byte[] pdf, String rect) {
        return new SignRequest("demo", SignatureFormat.PADES, SignatureLevel.B, null, null, pdf, "letter.pdf",
                new PdfSignatureFields(null, "Invoice", null, null, null, null, VisibleStamp.of(true, "1", rect, null, null)));
    }

    /** An A4 page with its text, turned by {@code rotation} degrees. */
    private static byte[] page(int rotation) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            page.setRotation(rotation);
            document.addPage(page);
            document.save(out);
            return out.toByteArray();
        }
    }

    private static int grey(int rgb) {
        Color c = new Color(rgb);
        return (c.getRed() + c.getGreen() + c.getBlue()) / 3;
    }

    private static void assertClose(Color expected, Color actual, String what) {
        int distance = Math.abs(expected.getRed() - actual.getRed()) + Math.abs(expected.getGreen() - actual.getGreen())
                + Math.abs(expected.getBlue() - actual.getBlue());
        assertTrue(distance < 60, what + " is " + actual + ", not near " + expected);
    }
}
