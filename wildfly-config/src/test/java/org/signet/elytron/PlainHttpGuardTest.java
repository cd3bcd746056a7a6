package org.signet.elytron;

import io.undertow.Undertow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard in a real Undertow server listening on every address: credentials over plain HTTP pass on loopback and
 * are refused on this machine's other address, unless plain HTTP is allowed; requests without credentials always pass.
 */
class PlainHttpGuardTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private Undertow server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void credentialsOverPlainHttpPassOnlyOnLoopback() throws Exception {
        int port = start("loopback");
        InetAddress other = nonLoopbackAddress();
        assertEquals(200, get("127.0.0.1", port, true).statusCode());
        HttpResponse<String> refused = get(other.getHostAddress(), port, true);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("HTTPS_REQUIRED") && !refused.body().contains("served"), refused.body());
        assertEquals(200, get(other.getHostAddress(), port, false).statusCode(), "no credentials, nothing to protect");
        assertEquals(403, get(other.getHostAddress(), port, "/signet/console/sign-in.xhtml", false).statusCode(),
                "the sign-in page (a password form) and the pages behind it (a session cookie) need HTTPS beyond loopback");
        assertEquals(200, get("127.0.0.1", port, "/signet/console/sign-in.xhtml", false).statusCode());
        assertEquals(200, get(other.getHostAddress(), port, "/signet/verify.xhtml", false).statusCode(), "the public verify page");
    }

    @Test
    void allowLetsPlainHttpThroughEverywhere() throws Exception {
        System.setProperty("signet.test.plain-http", "allow");
        try {
            int port = start("${signet.test.plain-http:loopback}");
            assertEquals(200, get(nonLoopbackAddress().getHostAddress(), port, true).statusCode());
        } finally {
            System.clearProperty("signet.test.plain-http");
        }
    }

    @Test
    void anUnknownSettingIsRefusedAtStart() {
        PlainHttpGuard guard = new PlainHttpGuard(exchange -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> guard.setPlainHttp("sometimes"));
        assertTrue(e.getMessage().contains("'loopback' or 'allow'"), e.getMessage());
    }

    private int start(String setting) {
        PlainHttpGuard guard = new PlainHttpGuard(exchange -> exchange.getResponseSender().send("served"));
        guard.setPlainHttp(setting);
        server = Undertow.builder().addHttpListener(0, "0.0.0.0").setHandler(guard).build();
        server.start();
        return ((java.net.InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    private HttpResponse<String> get(String host, int port, boolean credentials) throws Exception {
        return get(host, port, "/", credentials);
    }

    private HttpResponse<String> get(String host, int port, String path, boolean credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host)
                + ":" + port + path));
        if (credentials) {
            request.header("Authorization", "Basic ZGVtbzpzZWNyZXQ=");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** This machine's first IPv4 address that is not a loopback one: every CI and developer machine has one. */
    private static InetAddress nonLoopbackAddress() throws Exception {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        }
        assertNotNull(null, "this machine has no address besides loopback to test from");
        return null;
    }
}
