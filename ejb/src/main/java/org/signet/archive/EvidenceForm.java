package org.signet.archive;

import org.signet.model.SignetException;

import java.util.Locale;

/** The two syntaxes of an evidence record: RFC 4998 (ASN.1, DER, {@code .ers}) and RFC 6283 (XML, {@code .xers}). */
public enum EvidenceForm {
    DER("application/evidence-record", ".ers"),
    XML("application/xml", ".xers");

    private final String mediaType;
    private final String extension;

    EvidenceForm(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** {@code der} (the default, also {@code asn1}) or {@code xml}. */
    public static EvidenceForm parse(String form) {
        if (form == null || form.isBlank()) {
            return DER;
        }
        return switch (form.strip().toLowerCase(Locale.ROOT)) {
            case "der", "asn1", "ers" -> DER;
            case "xml", "xers" -> XML;
            default -> throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "an evidence record is DER (RFC 4998) or XML (RFC 6283), not '" + form + "'");
        };
    }
}
