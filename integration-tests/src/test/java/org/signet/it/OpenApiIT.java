package org.signet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document Signet serves describes the REST API it really has: the same operations as the manual (which
 * a unit test holds equal to the resources), each with its refusals and HTTP Basic.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

    private static final Pattern DOCUMENTED = Pattern.compile("`(GET|PUT|POST|DELETE) (/signet/api/[^`?\\[\\s]*)");

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @Test
    void theServedDocumentHasEveryOperationOfTheManualWithItsRefusals() throws IOException {
        HttpResponse<byte[]> served = SignetServer.send("GET", "/openapi?format=JSON", null, null, null, null);
        assertEquals(200, served.statusCode(), "the OpenAPI document is public");
        JsonNode api = new ObjectMapper().readTree(served.body());
        assertEquals("Signet REST API", api.path("info").path("title").asText());
        assertEquals("basic", api.path("components").path("securitySchemes").path("basic").path("scheme").asText());
        assertTrue(api.path("components").path("schemas").path("Problem").path("properties").path("error").path("enum").toString()
                .contains("NOT_AUTHORISED"), api.path("components").path("schemas").toString());
        JsonNode verification = api.path("paths").path("/signet/api/verify").path("post").path("responses").path("200")
                .path("content").path("application/json").path("schema").path("$ref");
        assertTrue(verification.asText().endsWith("/VerificationResult"), "a verification answers the contract's type: " + verification);
        assertTrue(api.path("components").path("schemas").path("VerificationResult").path("properties").has("allValid"),
                api.path("components").path("schemas").path("VerificationResult").toString());

        Set<String> served_ = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (!operation.getValue().has("responses")) {
                    continue; // "parameters" shared by a path's operations
                }
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                served_.addAll(expanded(name, operation.getValue()));
                for (String status : new String[] {"400", "401", "403", "500"}) {
                    assertTrue(operation.getValue().path("responses").path(status).path("content").path("application/json")
                            .path("schema").path("$ref").asText().endsWith("/Problem"), name + " lacks its " + status + " refusal");
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        Matcher m = DOCUMENTED.matcher(Files.readString(Path.of("../docs/api-rest.md")));
        while (m.find()) {
            documented.add(m.group(1) + " " + m.group(2));
        }
        assertEquals(documented, served_, "the served OpenAPI document and docs/api-rest.md name different operations");
    }

    /** The EAR's libraries hold other JAX-RS resources (EclipseLink's JPA-RS, entity access by URL): none is served. */
    @Test
    void onlySignetsOwnResourcesAreServed() {
        for (String path : new String[] {"/signet/api/v1.0/signet/metadata", "/signet/api/v2.0/signet/entity/SignetUser/demo",
                "/signet/api/v1.0"}) {
            assertEquals(404, SignetServer.send("GET", path, SignetServer.DEMO_USER, SignetServer.demoPassword(), null, null).statusCode(), path);
        }
    }

    /** "POST /signet/api/sign/{kind}" with kind's pattern "pdf|file|xml" is three operations, as callers write them. */
    private static Set<String> expanded(String name, JsonNode operation) {
        Set<String> names = new TreeSet<>(Set.of(name));
        for (JsonNode parameter : operation.path("parameters")) {
            String pattern = parameter.path("schema").path("pattern").asText();
            if ("path".equals(parameter.path("in").asText()) && pattern.matches("\\w+(\\|\\w+)+")) {
                Set<String> next = new TreeSet<>();
                for (String each : names) {
                    for (String alternative : pattern.split("\\|")) {
                        next.add(each.replace("{" + parameter.path("name").asText() + "}", alternative));
                    }
                }
                names = next;
            }
        }
        return names;
    }
}
