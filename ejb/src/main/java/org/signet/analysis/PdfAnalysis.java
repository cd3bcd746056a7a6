package org.signet.analysis;

import java.util.List;

/** What Signet reads from a PDF: version, PDF/A claim (from the XMP metadata), encryption, pages, signature fields. */
public record PdfAnalysis(String documentName, String pdfVersion, String pdfaPart, String pdfaConformance, boolean encrypted,
                          int pageCount, List<SignatureField> signatureFields, String xml) {
}
