package org.signet.connector;

import jakarta.resource.Referenceable;

import java.io.Serializable;

/** What the services look up (java:/eis/signet/SigningKeys) to reach signing keys. */
public interface SigningKeyConnectionFactory extends Serializable, Referenceable {

    SigningKeyConnection getConnection() throws SigningKeyException;
}
