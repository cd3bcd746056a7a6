package org.signet.timestamp;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.signet.config.SignetConfiguration;
import org.signet.model.SignetException;

import java.io.IOException;
import java.util.Arrays;

/** Where Signet's time stamps come from: the external trust centres configured (in order), else its own TSA. */
public final class TimeStampAuthorities {

    private TimeStampAuthorities() { }

    public static TSPSource of(SignetConfiguration configuration) {
        return configuration.timeStampUrls().isEmpty() ? new SignetTspSource()
                : new ExternalTspSource(configuration.timeStampUrls(), configuration.timeStampTimeout());
    }

    /**
     * One time stamp over a SHA-256 hash Signet keeps evidence of (the archive's tree root, the audit chain's head),
     * checked to cover that hash; a failure names {@code what} could not be time-stamped.
     */
    public static TimeStampToken stamp(SignetConfiguration configuration, byte[] sha256, String what) {
        return stamp(configuration, DigestAlgorithm.SHA256, sha256, what);
    }

    /** The same over a hash of another algorithm (an archive chain's after a hash-tree renewal). */
    public static TimeStampToken stamp(SignetConfiguration configuration, DigestAlgorithm algorithm, byte[] hash, String what) {
        try {
            byte[] answer = of(configuration).getTimeStampResponse(algorithm, hash).getBytes();
            TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(answer));
            if (!Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), hash)
                    || !token.getTimeStampInfo().getMessageImprintAlgOID().getId().equals(algorithm.getOid())) {
                throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the time-stamping authority stamped another hash");
            }
            return token;
        } catch (TSPException | IOException | RuntimeException e) {
            if (e instanceof SignetException refusal) {
                throw refusal;
            }
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, what + " could not be time-stamped: " + e.getMessage(), e);
        }
    }
}
