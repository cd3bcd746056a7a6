package org.signet.analysis;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The analysis as the XML document common in this field: {@code <PDFDocument>} with pdfaid_part,
 * pdfaid_conformance and PDFVersion, and {@code <digsignatures>} with one {@code <digsignature Name="...">} a field.
 */
final class AnalysisXml {

    private AnalysisXml() { }

    static String of(PdfAnalysis analysis) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("PDFDocument");
            element(xml, "pdfaid_part", analysis.pdfaPart());
            element(xml, "pdfaid_conformance", analysis.pdfaConformance());
            element(xml, "PDFVersion", analysis.pdfVersion());
            element(xml, "Encrypted", analysis.encrypted());
            element(xml, "PageCount", analysis.pageCount());
            xml.writeStartElement("digsignatures");
            for (SignatureField f : analysis.signatureFields()) {
                xml.writeStartElement("digsignature");
                xml.writeAttribute("Name", f.name());
                element(xml, "Name", f.signerName());
                element(xml, "Reason", f.reason());
                element(xml, "Location", f.location());
                element(xml, "ContactInfo", f.contactInfo());
                element(xml, "Time", f.time());
                element(xml, "Page", f.page());
                element(xml, "Mandatory", f.mandatory());
                element(xml, "ReadOnly", f.readOnly());
                element(xml, "FieldDescription", f.fieldDescription());
                element(xml, "Subfilter", f.subFilter());
                element(xml, "Filter", f.filter());
                element(xml, "HashAlgorithm", f.hashAlgorithm());
                element(xml, "SignatureOid", f.signatureOid());
                element(xml, "Status", f.status());
                element(xml, "CertExpired", f.certificateExpired());
                element(xml, "AnnotationFlags", f.annotationFlags());
                if (f.rect() != null) {
                    xml.writeStartElement("Rect");
                    element(xml, "Left", f.rect().left());
                    element(xml, "Right", f.rect().right());
                    element(xml, "Top", f.rect().top());
                    element(xml, "Bottom", f.rect().bottom());
                    element(xml, "Rotation", f.rect().rotation());
                    xml.writeEndElement();
                }
                if (f.certificate() != null) {
                    xml.writeStartElement("Certificate");
                    element(xml, "Issuer", f.certificate().issuer());
                    element(xml, "Serial", f.certificate().serial());
                    element(xml, "PublicKeySize", f.certificate().publicKeySize());
                    element(xml, "ValidTo", f.certificate().validTo());
                    element(xml, "ValidFrom", f.certificate().validFrom());
                    element(xml, "CertificateData", f.certificate().certificateData());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the analysis XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        xml.writeStartElement(name);
        if (value != null) {
            xml.writeCharacters(String.valueOf(value));
        }
        xml.writeEndElement();
    }
}
