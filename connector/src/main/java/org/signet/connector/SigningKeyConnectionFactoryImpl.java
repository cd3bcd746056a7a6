package org.signet.connector;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import javax.naming.Reference;

final class SigningKeyConnectionFactoryImpl implements SigningKeyConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final transient SigningKeyManagedConnectionFactory factory;
    private final transient ConnectionManager manager;
    private Reference reference;

    SigningKeyConnectionFactoryImpl(SigningKeyManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public SigningKeyConnection getConnection() throws SigningKeyException {
        try {
            return (SigningKeyConnection) manager.allocateConnection(factory, null);
        } catch (SigningKeyException e) {
            throw e;
        } catch (ResourceException e) {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE,
                    "no key connection available: " + e.getMessage(), e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
