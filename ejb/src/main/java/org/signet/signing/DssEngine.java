package org.signet.signing;

import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.signet.config.SignetConfiguration;
import org.signet.model.SignatureFormat;
import org.signet.model.SignetException;
import org.signet.pki.TrustAnchors;
import org.signet.timestamp.TimeStampAuthorities;

import java.util.EnumMap;
import java.util.Map;

/**
 * The DSS objects Signet builds once: the formats, sharing the verifier (trust anchors, Signet's CRL) and the
 * time-stamp source (Signet's TSA, or the configured external ones).
 */
@ApplicationScoped
public class DssEngine {

    private final Map<SignatureFormat, DocumentFormat> formats = new EnumMap<>(SignatureFormat.class);

    @Inject
    private TrustAnchors trust;
    @Inject
    private SignetConfiguration configuration;

    @PostConstruct
    void build() {
        TSPSource tsa = TimeStampAuthorities.of(configuration);
        for (DocumentFormat format : new DocumentFormat[] {new PadesFormat(trust.verifier(), tsa),
                new CadesFormat(trust.verifier(), tsa), new XadesFormat(trust.verifier(), tsa), new HashFormat()}) {
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
