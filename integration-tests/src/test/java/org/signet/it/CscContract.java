package org.signet.it;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CSC API v2.0.0.2 answers as JSON Schemas (src/test/resources/csc, one per method, written from the specification's
 * output tables: required members, types, value sets), checked by a validator nobody here wrote.
 */
final class CscContract {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private CscContract() {
    }

    /** The answer's body, after asserting it is what the specification has the method answer. */
    static String conforming(String method, HttpResponse<byte[]> answer) {
        String body = SignetServer.text(answer);
        List<Error> errors = violations(answer.statusCode() / 100 == 2 ? method : "error", body);
        assertTrue(errors.isEmpty(), (answer.statusCode() / 100 == 2 ? method : "error") + " answered against the specification: "
                + errors + "\n" + body);
        return body;
    }

    static List<Error> violations(String method, String json) {
        return SCHEMAS.computeIfAbsent(method, CscContract::load).validate(json, InputFormat.JSON);
    }

    private static Schema load(String method) {
        try (InputStream in = CscContract.class.getResourceAsStream("/csc/" + method.replace('/', '-') + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no schema for " + method);
            }
            return REGISTRY.getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
