package org.signet.connector;

import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;
import javax.transaction.xa.XAResource;

@Connector(displayName = "Signet signing keys", vendorName = "Signet", eisType = "Signing key tokens",
        version = "1.0", transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class SigningKeyResourceAdapter implements ResourceAdapter {

    private final TokenRegistry tokens = new TokenRegistry();
    private Timer timer;

    @ConfigProperty(type = Integer.class, defaultValue = "30",
            description = "Seconds a request waits for an individual signature card busy with another request")
    private Integer cardWaitSeconds = 30;

    public Integer getCardWaitSeconds() { return cardWaitSeconds; }

    public void setCardWaitSeconds(Integer seconds) {
        if (seconds == null || seconds < 1) {
            throw new IllegalArgumentException("CardWaitSeconds must be at least 1, not " + seconds);
        }
        this.cardWaitSeconds = seconds;
        tokens.cardWait(Duration.ofSeconds(seconds));
    }

    TokenRegistry tokens() {
        return tokens;
    }

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        tokens.cardWait(Duration.ofSeconds(cardWaitSeconds));
        try {
            // A mass-signature card locks itself when its period ends, not only when next asked to sign.
            timer = context.createTimer();
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    tokens.expireActivations();
                }
            }, 1000, 1000);
        } catch (UnavailableException e) {
            throw new ResourceAdapterInternalException("no timer for card activations: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.cancel();
        }
        tokens.clear();
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) {
        throw new UnsupportedOperationException("Signet's key adapter has no inbound side");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) { }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    // The JCA spec requires value semantics here; there is one adapter instance per deployment.
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
