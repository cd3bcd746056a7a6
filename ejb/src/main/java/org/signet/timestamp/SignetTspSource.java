package org.signet.timestamp;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import jakarta.enterprise.inject.spi.CDI;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** DSS asks here for the time-stamps of levels T, LT and LTA: they come from Signet's own TSA, in-process. */
public final class SignetTspSource implements TSPSource {

    private static final long serialVersionUID = 1L;

    @Override
    public TimestampBinary getTimeStampResponse(DigestAlgorithm digestAlgorithm, byte[] digest) {
        TimeStampService tsa = CDI.current().select(TimeStampService.class).get();
        return new TimestampBinary(tsa.stamp(new ASN1ObjectIdentifier(digestAlgorithm.getOid()), digest));
    }
}
