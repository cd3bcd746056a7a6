package org.signet.signing;

import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.signet.SignetException;

import java.util.EnumMap;
import java.util.Map;

/**
 * The DSS objects Signet builds once: the formats and the certificate verifier they share. Signing at level B
 * fetches nothing from the network, so the verifier has no online sources.
 */
@ApplicationScoped
public class DssEngine {

    private final Map<SignatureFormat, DocumentFormat> formats = new EnumMap<>(SignatureFormat.class);

    @PostConstruct
    void build() {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        for (DocumentFormat format : new DocumentFormat[] {new PadesFormat(verifier), new CadesFormat(verifier)}) {
            formats.put(format.format(), format);
        }
    }

    public DocumentFormat format(SignatureFormat format) {
        DocumentFormat found = formats.get(format);
        if (found == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "format " + format + " is not available");
        }
        return found;
    }
}
