package org.signet.it;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Documents the tests sign, made here so that every run starts from known bytes. */
final class TestDocuments {

    private TestDocuments() { }

    /** A one-page form with an empty signature field of each name, one under the other; with this XMP metadata, if any. */
    static byte[] form(String xmp, String... fieldNames) {
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf(1, "form"));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDAcroForm acroForm = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(acroForm);
            float y = 100;
            for (String name : fieldNames) {
                PDSignatureField field = new PDSignatureField(acroForm);
                field.setPartialName(name);
                PDAnnotationWidget widget = field.getWidgets().get(0);
                widget.setRectangle(new PDRectangle(300, y, 200, 50));
                widget.setPage(document.getPage(0));
                document.getPage(0).getAnnotations().add(widget);
                acroForm.getFields().add(field);
                y += 70;
            }
            if (xmp != null) {
                PDMetadata metadata = new PDMetadata(document);
                metadata.importXMPMetadata(xmp.getBytes(StandardCharsets.UTF_8));
                document.getDocumentCatalog().setMetadata(metadata);
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pdf(int pages, String text) {
        return pdf(pages, text, 1.7f);
    }

    static byte[] pdf(int pages, String text, float version) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            // PDDocument.setVersion never lowers a version: set the header's, and drop the catalog's /Version.
            document.getDocument().setVersion(version);
            document.getDocumentCatalog().getCOSObject().removeItem(COSName.VERSION);
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                // Uncompressed, so a test can change a character of the visible text after signing.
                try (PDPageContentStream content = new PDPageContentStream(document, page,
                        PDPageContentStream.AppendMode.OVERWRITE, false)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 770);
                    content.showText(text + " - page " + i + " of " + pages);
                    content.endText();
                }
            }
            // PDFBox 3 compresses into object streams by default, which needs (and writes) PDF 1.6.
            if (version < 1.6f) {
                document.save(out, CompressParameters.NO_COMPRESSION);
            } else {
                document.save(out);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same bytes with one character of the page text changed: the signed byte range no longer matches. */
    static byte[] changedAfterSigning(byte[] signedPdf, String textOnPage) {
        byte[] changed = signedPdf.clone();
        byte[] needle = textOnPage.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i <= changed.length - needle.length; i++) {
            if (Arrays.equals(changed, i, i + needle.length, needle, 0, needle.length)) {
                changed[i] = (byte) (changed[i] == 'X' ? 'Y' : 'X');
                return changed;
            }
        }
        throw new AssertionError("the text '" + textOnPage + "' is not in the PDF's bytes (compressed content?)");
    }

    /** SHA-256 in lower-case hex, as Signet writes it in reports and the audit trail. */
    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
