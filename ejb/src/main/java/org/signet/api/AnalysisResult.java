package org.signet.api;

import org.signet.analysis.PdfAnalysis;
import org.signet.analysis.SignatureField;

import java.time.Instant;
import java.util.List;

/** What Signet reads from a PDF: version, PDF/A claim, encryption, pages, every signature field and its status. */
public record AnalysisResult(String documentName, String pdfVersion, String pdfaPart, String pdfaConformance, boolean encrypted,
                             int pageCount, List<SignatureFieldResult> signatureFields, String xml) {

    /**
     * One signature field; the rectangle in points from the page's top-left corner.
     *
     * @param status 0 valid, 1 valid but changed afterwards, 2 invalid, 3 empty, 4 unknown
     */
    public record SignatureFieldResult(String name, Integer page, FieldRect rect, boolean mandatory, boolean readOnly,
                                       String fieldDescription, int annotationFlags, String filter, String subFilter,
                                       String hashAlgorithm, String signatureOid, String signerName, String reason, String location,
                                       String contactInfo, Instant time, int status, boolean certificateExpired,
                                       SignerCertificate certificate) { }

    public record FieldRect(float left, float right, float top, float bottom, int rotation) { }

    /** @param certificateData the DER certificate, base64 */
    public record SignerCertificate(String issuer, String serial, int publicKeySize, Instant validFrom, Instant validTo,
                                    String certificateData) { }

    public static AnalysisResult of(PdfAnalysis analysis) {
        return new AnalysisResult(analysis.documentName(), analysis.pdfVersion(), analysis.pdfaPart(), analysis.pdfaConformance(),
                analysis.encrypted(), analysis.pageCount(), analysis.signatureFields().stream().map(AnalysisResult::field).toList(),
                analysis.xml());
    }

    private static SignatureFieldResult field(SignatureField f) {
        SignatureField.Rect r = f.rect();
        SignatureField.Certificate c = f.certificate();
        return new SignatureFieldResult(f.name(), f.page(),
                r == null ? null : new FieldRect(r.left(), r.right(), r.top(), r.bottom(), r.rotation()),
                f.mandatory(), f.readOnly(), f.fieldDescription(), f.annotationFlags(), f.filter(), f.subFilter(), f.hashAlgorithm(),
                f.signatureOid(), f.signerName(), f.reason(), f.location(), f.contactInfo(), f.time(), f.status(),
                f.certificateExpired(),
                c == null ? null : new SignerCertificate(c.issuer(), c.serial(), c.publicKeySize(), c.validFrom(), c.validTo(),
                        c.certificateData()));
    }
}
