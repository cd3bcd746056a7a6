package org.signet.analysis;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.signet.config.SignetConfiguration;
import org.signet.document.Documents;
import org.signet.document.PdfDocuments;
import org.signet.model.SignetException;
import org.signet.security.Callers;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * One page of a PDF as a picture, for a person placing a visible stamp: rendered as the page is displayed (its
 * rotation applied), at most {@link #MAX_PIXELS} on its longer side, with the page's size in points so that a rectangle
 * drawn on the picture becomes the stamp's {@code x,y,width,height} from the top left.
 */
@Stateless
@PermitAll
public class PagePreview {

    /** Enough to place a stamp on; a tall or wide page is scaled down rather than rendered huge. */
    static final int MAX_PIXELS = 1200;

    /** @param pages the document's page count; {@code widthPoints}/{@code heightPoints}: the page as displayed */
    public record Picture(byte[] png, int page, int pages, float widthPoints, float heightPoints) { }

    @Resource
    private SessionContext session;
    @Inject
    private SignetConfiguration configuration;

    public Picture render(byte[] pdf, String documentName, int page) {
        Callers.name(session);
        return renderAs(pdf, documentName, page);
    }

    /** For a person Signet itself vouches for without a login (a workflow link's signer): the same picture. */
    public Picture renderAs(byte[] pdf, String documentName, int page) {
        Documents.requireNotEmpty(pdf, "the document");
        Documents.requireWithinLimit(pdf, configuration.maxDocumentBytes(), "the document");
        return picture(pdf, documentName == null || documentName.isBlank() ? "document" : documentName, page);
    }

    static Picture picture(byte[] pdf, String name, int page) {
        if (!PdfDocuments.hasPdfHeader(pdf)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + name + "' is not a PDF (no %PDF- header)");
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            if (page < 1 || page > pages) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + name + "' has " + pages + " page"
                        + (pages == 1 ? "" : "s") + ", not a page " + page);
            }
            PDPage shown = document.getPage(page - 1);
            PDRectangle box = shown.getCropBox();
            boolean turned = shown.getRotation() % 180 != 0;
            float width = turned ? box.getHeight() : box.getWidth();
            float height = turned ? box.getWidth() : box.getHeight();
            float scale = Math.min(2f, MAX_PIXELS / Math.max(width, height));
            PDFRenderer renderer = new PDFRenderer(document);
            renderer.setSubsamplingAllowed(true); // a huge scan inside is read at the picture's size, not its own
            BufferedImage image = renderer.renderImage(page - 1, scale, ImageType.RGB);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return new Picture(png.toByteArray(), page, pages, width, height);
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + name + "' cannot be shown: " + PdfDocuments.reason(e), e);
        }
    }
}
