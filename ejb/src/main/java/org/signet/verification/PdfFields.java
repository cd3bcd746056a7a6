package org.signet.verification;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Signature fields of a PDF that DSS does not report: the empty ones, waiting for a signer. */
final class PdfFields {

    private PdfFields() { }

    static boolean isPdf(byte[] document) {
        return new String(document, 0, Math.min(document.length, 1024), StandardCharsets.ISO_8859_1).contains("%PDF-");
    }

    static List<String> emptySignatureFields(byte[] pdf) {
        List<String> empty = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            if (form == null) {
                return empty;
            }
            for (PDField field : form.getFieldTree()) {
                if (field instanceof PDSignatureField signature && signature.getSignature() == null) {
                    empty.add(field.getFullyQualifiedName());
                }
            }
        } catch (IOException e) {
            // DSS has read this PDF already; a form PDFBox cannot read just has no empty fields to report
        }
        return empty;
    }
}
