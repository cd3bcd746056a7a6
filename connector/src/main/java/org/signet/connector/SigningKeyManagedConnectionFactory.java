package org.signet.connector;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;

@ConnectionDefinition(connectionFactory = SigningKeyConnectionFactory.class,
        connectionFactoryImpl = SigningKeyConnectionFactoryImpl.class,
        connection = SigningKeyConnection.class,
        connectionImpl = SigningKeyConnectionHandle.class)
public class SigningKeyManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private transient SigningKeyResourceAdapter adapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new SigningKeyConnectionFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() {
        throw new UnsupportedOperationException("Signet's key adapter runs managed only");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
        return new SigningKeyManagedConnection(this);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : candidates) {
            if (candidate instanceof SigningKeyManagedConnection connection && connection.factory() == this) {
                return connection;
            }
        }
        return null;
    }

    TokenRegistry tokens() {
        return adapter.tokens();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (!(adapter instanceof SigningKeyResourceAdapter keys)) {
            throw new ResourceException("expected a SigningKeyResourceAdapter, got " + adapter);
        }
        this.adapter = keys;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
