package org.signet.connector;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/** The pooled physical connection. PKCS#11 sessions will hang off this object, one thread at a time. */
final class SigningKeyManagedConnection implements ManagedConnection {

    private final SigningKeyManagedConnectionFactory factory;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<SigningKeyConnectionHandle> handles = new CopyOnWriteArrayList<>();
    private PrintWriter logWriter;

    SigningKeyManagedConnection(SigningKeyManagedConnectionFactory factory) {
        this.factory = factory;
    }

    SigningKeyManagedConnectionFactory factory() {
        return factory;
    }

    TokenRegistry tokens() {
        return factory.tokens();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        SigningKeyConnectionHandle handle = new SigningKeyConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    void closed(SigningKeyConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }

    @Override
    public void associateConnection(Object connection) {
        if (connection instanceof SigningKeyConnectionHandle handle) {
            handle.reassign(this);
            handles.add(handle);
        }
    }

    @Override
    public void cleanup() {
        for (SigningKeyConnectionHandle handle : handles) {
            handle.invalidate();
        }
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws NotSupportedException {
        throw new NotSupportedException("signing keys are not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws NotSupportedException {
        throw new NotSupportedException("signing keys are not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override public String getEISProductName() { return "Signet key tokens"; }
            @Override public String getEISProductVersion() { return "1.0"; }
            @Override public int getMaxConnections() { return 0; }
            @Override public String getUserName() { return "signet"; }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
