package org.signet.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The one JSON-B instance the REST answers are written with. Without it RESTEasy builds a new one for every answer:
 * a service-loader search of the deployment's class path and every record's binding model made again, 40 % of the
 * CPU of a request that signs nothing.
 */
@Provider
public class JsonBindings implements ContextResolver<Jsonb> {

    /** Thread-safe once built (Yasson), and made with the defaults RESTEasy would use. */
    static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
