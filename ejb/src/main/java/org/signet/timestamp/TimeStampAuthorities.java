package org.signet.timestamp;

import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import org.signet.config.SignetConfiguration;

/** Where Signet's time stamps come from: the external trust centres configured (in order), else its own TSA. */
public final class TimeStampAuthorities {

    private TimeStampAuthorities() { }

    public static TSPSource of(SignetConfiguration configuration) {
        return configuration.timeStampUrls().isEmpty() ? new SignetTspSource()
                : new ExternalTspSource(configuration.timeStampUrls(), configuration.timeStampTimeout());
    }
}
