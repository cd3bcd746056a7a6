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
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What operations sees: Signet's counters in Prometheus text on the management interface, and its readiness probe. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MonitoringIT {

    private static final URI MANAGEMENT = URI.create("http://localhost:10090");

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @Test
    void signaturesAndRefusalsAreCountedPerSealAndKind() {
        double before = counter("signet_signatures_total", "format=\"PADES\"", "level=\"B\"", "seal=\"demo\"");
        double refusedBefore = counter("signet_refusals_total", "kind=\"UNKNOWN_SEAL\"");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, SignetServer.demoPost("/signet/api/sign/pdf?seal=demo", "application/pdf",
                    TestDocuments.pdf(1, "Counted " + i)).statusCode());
        }
        assertEquals(404, SignetServer.demoPost("/signet/api/sign/pdf?seal=no-such-seal", "application/pdf",
                TestDocuments.pdf(1, "Refused")).statusCode());
        assertEquals(before + 3, counter("signet_signatures_total", "format=\"PADES\"", "level=\"B\"", "seal=\"demo\""),
                get(MANAGEMENT.resolve("/prometheus")).body().lines().filter(l -> l.contains("signet")).toList().toString());
        assertEquals(refusedBefore + 1, counter("signet_refusals_total", "kind=\"UNKNOWN_SEAL\""));
    }

    @Test
    void readinessSaysWhetherDatabaseKeysAndTimeStampingAreUsable() throws IOException {
        HttpResponse<String> ready = get(SignetServer.HTTP.resolve("/signet/health/ready"));
        JsonNode checks = new ObjectMapper().readTree(ready.body()).path("checks");
        JsonNode signet = null;
        for (JsonNode check : checks) {
            if ("signet".equals(check.path("name").asText())) {
                signet = check;
            }
        }
        assertTrue(signet != null, ready.body());
        assertEquals("up", signet.path("data").path("database").asText(), ready.body());
        assertEquals("built-in", signet.path("data").path("tsa").asText(), ready.body());
        // Other tests leave seals over locked or deactivated cards: then the check is DOWN and counts them, naming none.
        String keys = signet.path("data").path("keys").asText();
        boolean allUsable = keys.equals("every seal has a usable key");
        assertTrue(allUsable || keys.matches("\\d+ of \\d+ seals without a usable key"), ready.body());
        assertTrue(!ready.body().contains("unusableSeals"), ready.body());
        assertEquals(allUsable ? "UP" : "DOWN", signet.path("status").asText(), ready.body());
        assertEquals(allUsable ? 200 : 503, ready.statusCode(), ready.body());
    }

    /** The key pool's state as gauges, refreshed every 30 s: the demo seal's software key is available. */
    @Test
    void sealsAndTheirKeysByStateAreGauges() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (gauge("signet_seals") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        String lines = get(MANAGEMENT.resolve("/prometheus")).body().lines().filter(l -> l.startsWith("signet_")).toList().toString();
        assertTrue(gauge("signet_seals") >= 1, lines);
        assertTrue(counter("signet_keys", "state=\"available\"") >= 1, lines);
        for (String state : new String[] {"failed", "locked", "deactivated"}) {
            assertTrue(Pattern.compile("signet_keys\\{[^}]*state=\"" + state + "\"").matcher(lines).find(), state + " missing: " + lines);
        }
        double ready = gauge("signet_ready");
        assertTrue(ready == 0 || ready == 1, lines);
        assertTrue(gauge("signet_seals_without_usable_key") <= gauge("signet_seals"), lines);
    }

    /** A gauge's value (with whatever labels the server adds, such as the deployment); -1 when it is not there yet. */
    private static double gauge(String name) {
        Matcher line = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(get(MANAGEMENT.resolve("/prometheus")).body());
        return line.find() ? Double.parseDouble(line.group(1)) : -1;
    }

    /** The counter's value on the line that has every label given; 0 when no such line exists yet. */
    private static double counter(String name, String... labels) {
        String text = get(MANAGEMENT.resolve("/prometheus")).body();
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(text);
        while (line.find()) {
            String found = line.group(1);
            if (Arrays.stream(labels).allMatch(found::contains)) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
