package org.signet.signing;

import eu.europa.esig.dss.enumerations.VisualSignatureRotation;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.signet.document.PdfDocuments;
import org.signet.model.SignetException;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Turns a {@link VisibleStamp} into DSS's image parameters for one PDF: checks the page and rectangle against
 * the page as displayed, renders the text template, and keeps PDF/A intact: a logo's transparency is flattened onto
 * white for PDF/A-1, which forbids it ({@link SealStampDrawer} draws the stamp in an embedded font subset).
 */
final class StampLayout {

    private StampLayout() { }

    /** @param field the existing empty field the stamp goes into, or null for a new field on the stamp's page */
    static SignatureImageParameters parameters(VisibleStamp stamp, byte[] pdf, String field, SignRequest request,
                                               X509Certificate certificate, Instant signingTime) {
        SignatureFieldParameters place = new SignatureFieldParameters();
        String pdfaPart;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            pdfaPart = PdfDocuments.pdfaPart(document);
            if (field != null) {
                place.setFieldId(field); // DSS takes the field's own page and rectangle
            } else {
                place.setPage(stamp.page());
                place.setRotation(VisualSignatureRotation.AUTOMATIC); // upright for the reader on a rotated page
                VisibleStamp.Rectangle r = rectangleOnPage(stamp, document, request.documentName());
                place.setOriginX(r.x());
                place.setOriginY(r.y());
                place.setWidth(r.width());
                place.setHeight(r.height());
            }
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + request.documentName()
                    + "' is not a PDF that can be signed: " + PdfDocuments.reason(e), e);
        }

        // What DSS carries to SealStampDrawer, which lays them out: the field, the logo, the text, the card's colour.
        SignatureImageParameters parameters = new SignatureImageParameters();
        parameters.setFieldParameters(place);
        parameters.setBackgroundColor(Color.WHITE);
        if (stamp.image() != null) {
            byte[] image = "1".equals(pdfaPart) ? withoutTransparency(stamp.image()) : stamp.image();
            parameters.setImage(new InMemoryDocument(image, "stamp-image"));
        }
        String text = StampText.render(stamp.text(), request.sealName(), request.pdfFields(), certificate, signingTime);
        if (!text.isEmpty()) {
            SignatureImageTextParameters lines = new SignatureImageTextParameters();
            lines.setText(text);
            parameters.setTextParameters(lines);
        }
        return parameters;
    }

    private static VisibleStamp.Rectangle rectangleOnPage(VisibleStamp stamp, PDDocument document, String name) {
        int pages = document.getNumberOfPages();
        if (stamp.page() > pages) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + name + "' has " + pages
                    + (pages == 1 ? " page" : " pages") + "; the stamp cannot go on page " + stamp.page());
        }
        PDPage page = document.getPage(stamp.page() - 1);
        PDRectangle box = page.getCropBox();
        boolean sideways = page.getRotation() % 180 != 0;
        float width = sideways ? box.getHeight() : box.getWidth();
        float height = sideways ? box.getWidth() : box.getHeight();
        VisibleStamp.Rectangle r = stamp.rectangle() != null ? stamp.rectangle() : new VisibleStamp.Rectangle(VisibleStamp.DEFAULT_MARGIN,
                Math.max(0, height - VisibleStamp.DEFAULT_MARGIN - VisibleStamp.DEFAULT_HEIGHT),
                Math.min(VisibleStamp.DEFAULT_WIDTH, width), Math.min(VisibleStamp.DEFAULT_HEIGHT, height));
        if (r.x() + r.width() > width + 0.5f || r.y() + r.height() > height + 0.5f) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the stamp rectangle " + r + " does not fit on page "
                    + stamp.page() + " of '" + name + "', which is " + String.format(Locale.ROOT, "%.1f × %.1f", width, height)
                    + " points as displayed");
        }
        return r;
    }

    /** PDF/A-1 forbids soft masks: the logo is laid onto white, as a printer would show it. */
    private static byte[] withoutTransparency(byte[] image) {
        try {
            BufferedImage read = ImageIO.read(new ByteArrayInputStream(image));
            if (read == null || !read.getColorModel().hasAlpha()) {
                return image;
            }
            BufferedImage opaque = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = opaque.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, read.getWidth(), read.getHeight());
                g.drawImage(read, 0, 0, null);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(opaque, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the stamp image cannot be read: " + e.getMessage(), e);
        }
    }
}
