package org.signet.ws;

import com.sun.xml.ws.api.message.Packet;
import com.sun.xml.ws.api.server.InstanceResolver;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Metro creates endpoint objects itself and injects neither EJBs nor CDI beans. This resolver hands Metro the
 * endpoint as a CDI bean instead, so endpoints are plain CDI beans with ordinary {@code @EJB}/{@code @Inject}.
 */
public final class CdiInstanceResolver<T> extends InstanceResolver<T> {

    private final Class<T> endpointClass;
    private volatile T instance;

    public CdiInstanceResolver(Class<T> endpointClass) {
        this.endpointClass = endpointClass;
    }

    @Override
    public T resolve(Packet request) {
        T current = instance;
        if (current == null) {
            // An @ApplicationScoped endpoint resolves to a client proxy: one lookup serves every request.
            current = CDI.current().select(endpointClass).get();
            instance = current;
        }
        return current;
    }
}
