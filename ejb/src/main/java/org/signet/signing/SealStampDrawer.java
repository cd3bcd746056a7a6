package org.signet.signing;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pdf.AbstractPdfObjFactory;
import eu.europa.esig.dss.pdf.PDFServiceMode;
import eu.europa.esig.dss.pdf.PDFSignatureService;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxSignatureService;
import eu.europa.esig.dss.pdf.pdfbox.visible.AbstractPdfBoxSignatureDrawer;
import eu.europa.esig.dss.pdf.pdfbox.visible.PdfBoxSignatureDrawer;
import eu.europa.esig.dss.pdf.pdfbox.visible.PdfBoxSignatureDrawerFactory;
import eu.europa.esig.dss.pdf.pdfbox.visible.nativedrawer.PdfBoxDSSFontMetrics;
import eu.europa.esig.dss.pdf.visible.DSSFontMetrics;
import eu.europa.esig.dss.pdf.visible.SignatureFieldDimensionAndPosition;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.util.Matrix;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws Signet's stamp as the signature field's appearance: an opaque card with a border, the logo on the left (on top
 * when the field is narrow), the text template's first line as a heading, the other lines below it, all in the largest
 * size at which every line fits the field, wrapped at words. Real text in the embedded font DSS ships (a subset of it),
 * so that a stamp is sharp at any zoom, searchable, and allowed in PDF/A. DSS places the field (page, rectangle, the
 * page's rotation, an existing field); only the appearance inside it is Signet's.
 */
final class SealStampDrawer extends AbstractPdfBoxSignatureDrawer {

    /** The frame and heading: a dark blue that prints as near-black on a grey-scale printer. */
    static final Color FRAME = new Color(0x1F, 0x3A, 0x5F);
    static final Color TEXT = new Color(0x1A, 0x1A, 0x1A);
    private static final float HEADING_SCALE = 1.25f;
    private static final float LEADING = 1.2f;
    private static final float LARGEST = 14;
    private static final float SMALLEST = 3;

    /** DSS's PDF services with this drawer for every visible signature and time stamp. */
    static final class Objects extends AbstractPdfObjFactory {

        private static final PdfBoxSignatureDrawerFactory DRAWERS = new PdfBoxSignatureDrawerFactory() {
            @Override
            public PdfBoxSignatureDrawer getSignatureDrawer(SignatureImageParameters parameters) {
                return new SealStampDrawer();
            }
        };

        @Override
        public PDFSignatureService newPAdESSignatureService() {
            return service(PDFServiceMode.SIGNATURE);
        }

        @Override
        public PDFSignatureService newContentTimestampService() {
            return service(PDFServiceMode.CONTENT_TIMESTAMP);
        }

        @Override
        public PDFSignatureService newSignatureTimestampService() {
            return service(PDFServiceMode.SIGNATURE_TIMESTAMP);
        }

        @Override
        public PDFSignatureService newArchiveTimestampService() {
            return service(PDFServiceMode.ARCHIVE_TIMESTAMP);
        }

        private PDFSignatureService service(PDFServiceMode mode) {
            return configure(new PdfBoxSignatureService(mode, DRAWERS));
        }
    }

    /** Lent from init until the stamp is drawn; DSS measures with it before drawing to check the field's place. */
    private StampFont font;

    @Override
    public void init(SignatureImageParameters parameters, PDDocument document, SignatureOptions signatureOptions) throws IOException {
        super.init(parameters, document, signatureOptions);
        font = StampFont.borrow();
    }

    @Override
    protected DSSFontMetrics getDSSFontMetrics() {
        try {
            if (font == null) {
                font = StampFont.borrow(); // measured after drawing: a font of its own, not given back
            }
            return new PdfBoxDSSFontMetrics(font.metrics());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String getExpectedColorSpaceName() throws IOException {
        DSSDocument image = parameters.getImage();
        if (image == null) {
            return org.apache.pdfbox.cos.COSName.DEVICERGB.getName();
        }
        try (InputStream in = image.openStream()) {
            return StampLogo.of(in.readAllBytes()).colorSpace();
        }
    }

    @Override
    public void draw() throws IOException {
        int pageIndex = parameters.getFieldParameters().getPage() - 1;
        SignatureFieldDimensionAndPosition box = buildSignatureFieldBox();
        try (PDDocument template = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage original = document.getPage(pageIndex);
            PDPage page = new PDPage(original.getMediaBox());
            template.addPage(page);
            PDAcroForm form = new PDAcroForm(template);
            template.getDocumentCatalog().setAcroForm(form);
            PDSignatureField field = new PDSignatureField(form);
            form.getFields().add(field);
            form.setSignaturesExist(true);
            form.setAppendOnly(true);
            form.getCOSObject().setDirect(true);

            PDRectangle mediaBox = page.getMediaBox();
            PDRectangle rectangle = new PDRectangle(box.getBoxX(), mediaBox.getHeight() - box.getBoxY() - box.getBoxHeight(),
                    box.getBoxWidth(), box.getBoxHeight());
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(rectangle);
            PDFormXObject xObject = new PDFormXObject(new PDStream(template));
            xObject.setResources(new PDResources());
            xObject.setFormType(1);
            xObject.setBBox(new PDRectangle(rectangle.getWidth(), rectangle.getHeight()));
            PDAppearanceStream appearanceStream = new PDAppearanceStream(xObject.getCOSObject());
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            appearance.getCOSObject().setDirect(true);
            appearance.setNormalAppearance(appearanceStream);
            widget.setAppearance(appearance);

            StampFont lent = font != null ? font : StampFont.borrow();
            font = null;
            PDFont embedded = lent.embedIn(template);
            int rotation = box.getGlobalRotation() % 360;
            boolean sideways = rotation == 90 || rotation == 270;
            float width = sideways ? rectangle.getHeight() : rectangle.getWidth();
            float height = sideways ? rectangle.getWidth() : rectangle.getHeight();
            try (PDPageContentStream cs = new PDPageContentStream(template, appearanceStream)) {
                upright(cs, rotation, rectangle);
                new Card(cs, template, embedded, lent, width, height).draw(parameters.getBackgroundColor(), image(),
                        parameters.getTextParameters().isEmpty() ? "" : parameters.getTextParameters().getText());
            }
            template.save(out); // subsets the embedded font: only then may the font be lent again
            lent.giveBack();
            signatureOptions.setVisualSignature(new ByteArrayInputStream(out.toByteArray()));
            signatureOptions.setPage(pageIndex);
        }
    }

    private StampLogo image() throws IOException {
        DSSDocument image = parameters.getImage();
        if (image == null) {
            return null;
        }
        try (InputStream in = image.openStream()) {
            return StampLogo.of(in.readAllBytes());
        }
    }

    /** Turns the drawing so that the stamp reads upright on a rotated page (PDFBox turns the other way round). */
    private static void upright(PDPageContentStream cs, int rotation, PDRectangle rectangle) throws IOException {
        switch (rotation) {
            case 90 -> {
                cs.transform(Matrix.getRotateInstance(Math.toRadians(270), 0, 0));
                cs.transform(Matrix.getTranslateInstance(-rectangle.getHeight(), 0));
            }
            case 180 -> {
                cs.transform(Matrix.getRotateInstance(Math.toRadians(180), 0, 0));
                cs.transform(Matrix.getTranslateInstance(-rectangle.getWidth(), -rectangle.getHeight()));
            }
            case 270 -> {
                cs.transform(Matrix.getRotateInstance(Math.toRadians(90), 0, 0));
                cs.transform(Matrix.getTranslateInstance(0, -rectangle.getWidth()));
            }
            default -> { }
        }
    }

    /** The stamp in a {@code width} × {@code height} frame, origin at its lower left. */
    record Card(PDPageContentStream cs, PDDocument template, PDFont font, StampFont measure, float width, float height) {

        void draw(Color background, StampLogo logo, String text) throws IOException {
            float small = Math.min(width, height);
            float border = clamp(small / 60, 0.75f, 2f);
            float padding = clamp(small * 0.07f, 2f, 6f);
            cs.setNonStrokingColor(background == null ? Color.WHITE : background);
            cs.addRect(0, 0, width, height);
            cs.fill();
            cs.setStrokingColor(FRAME);
            cs.setLineWidth(border);
            cs.addRect(border / 2, border / 2, width - border, height - border);
            cs.stroke();

            float inner = border + padding;
            float textX = inner;
            float textTop = height - inner;
            float textWidth = width - 2 * inner;
            float textHeight = height - 2 * inner;
            if (logo != null) {
                PDImageXObject picture = logo.in(template);
                if (width >= 1.6f * height || text.isBlank()) {
                    float side = text.isBlank() ? textWidth : Math.min(textHeight, textWidth * 0.35f);
                    place(picture, inner, inner, side, textHeight);
                    textX += side + padding;
                    textWidth -= side + padding;
                } else {
                    float side = textHeight * 0.35f;
                    place(picture, inner, height - inner - side, textWidth, side);
                    textTop -= side + padding;
                    textHeight -= side + padding;
                }
            }
            if (!text.isBlank() && textWidth > 0 && textHeight > 0) {
                text(text, textX, textTop, textWidth, textHeight);
            }
        }

        /** The logo as large as fits the area, its proportions kept, centred. */
        private void place(PDImageXObject picture, float x, float y, float areaWidth, float areaHeight) throws IOException {
            float scale = Math.min(areaWidth / picture.getWidth(), areaHeight / picture.getHeight());
            float w = picture.getWidth() * scale;
            float h = picture.getHeight() * scale;
            cs.drawImage(picture, x + (areaWidth - w) / 2, y + (areaHeight - h) / 2, w, h);
        }

        private void text(String text, float x, float top, float areaWidth, float areaHeight) throws IOException {
            String[] given = text.split("\\R");
            String heading = printable(given[0]);
            List<String> body = new ArrayList<>();
            for (int i = 1; i < given.length; i++) {
                body.add(printable(given[i]));
            }
            // In a flat rectangle the lines run on as one paragraph rather than shrink out of sight.
            if (!fits(heading, body, x, top, areaWidth, areaHeight, false) && body.size() > 1) {
                if (fits(heading, List.of(String.join(" · ", body)), x, top, areaWidth, areaHeight, false)) {
                    fits(heading, List.of(String.join(" · ", body)), x, top, areaWidth, areaHeight, true);
                    return;
                }
            }
            fits(heading, body, x, top, areaWidth, areaHeight, true);
        }

        /**
         * Whether the heading and body fit the area at a legible size; with {@code draw}, draws them at the largest
         * size that fits (the smallest, cut by the field's edge, when none does).
         */
        private boolean fits(String heading, List<String> body, float x, float top, float areaWidth, float areaHeight, boolean draw)
                throws IOException {
            for (float size = LARGEST; ; size -= 0.25f) {
                List<String> headingLines = wrapped(heading, size * HEADING_SCALE, areaWidth);
                List<String> bodyLines = new ArrayList<>();
                for (String line : body) {
                    bodyLines.addAll(wrapped(line, size, areaWidth));
                }
                float needed = headingLines.size() * size * HEADING_SCALE * LEADING + bodyLines.size() * size * LEADING;
                boolean fitting = needed <= areaHeight;
                if (fitting || size <= SMALLEST) {
                    if (draw) {
                        float y = top - (areaHeight - Math.min(needed, areaHeight)) / 2;
                        y = lines(headingLines, x, y, size * HEADING_SCALE, FRAME, true);
                        lines(bodyLines, x, y, size, TEXT, false);
                    }
                    return fitting;
                }
            }
        }

        /** @return where the next line's top is */
        private float lines(List<String> lines, float x, float top, float size, Color color, boolean bold) throws IOException {
            float y = top;
            for (String line : lines) {
                y -= size * LEADING;
                cs.beginText();
                cs.setFont(font, size);
                cs.setNonStrokingColor(color);
                if (bold) {
                    // the one embedded font has no bold face: its outline stroked as well reads as one
                    cs.setStrokingColor(color);
                    cs.setLineWidth(size / 40);
                    cs.setRenderingMode(RenderingMode.FILL_STROKE);
                } else {
                    cs.setRenderingMode(RenderingMode.FILL);
                }
                cs.newLineAtOffset(x, y + size * (LEADING - 1) + size * 0.22f);
                cs.showText(line);
                cs.endText();
            }
            return y;
        }

        /** The line broken at spaces into pieces no wider than {@code width}; a word wider than that, at characters. */
        private List<String> wrapped(String line, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : line.split(" ")) {
                String tried = current.isEmpty() ? word : current + " " + word;
                if (width(tried, size) <= width) {
                    current.setLength(0);
                    current.append(tried);
                    continue;
                }
                if (!current.isEmpty()) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
                for (int i = 0; i < word.length(); ) {
                    int end = i + 1;
                    while (end < word.length() && width(word.substring(i, end + 1), size) <= width) {
                        end++;
                    }
                    String piece = word.substring(i, end);
                    i = end;
                    if (i < word.length()) {
                        lines.add(piece);
                    } else {
                        current.append(piece);
                    }
                }
            }
            if (!current.isEmpty() || lines.isEmpty()) {
                lines.add(current.toString());
            }
            return lines;
        }

        private float width(String text, float size) {
            return measure.width(text, size);
        }

        /** Characters the font has no glyph for become '?', rather than failing the signature. */
        private String printable(String line) {
            StringBuilder out = new StringBuilder();
            line.codePoints().forEach(c -> {
                int character = Character.isISOControl(c) ? ' ' : c;
                out.appendCodePoint(measure.draws(character) ? character : '?');
            });
            return out.toString();
        }

        private static float clamp(float value, float min, float max) {
            return Math.max(min, Math.min(max, value));
        }
    }
}
