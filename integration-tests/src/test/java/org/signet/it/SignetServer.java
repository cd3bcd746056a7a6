package org.signet.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.signet.client.ClientSettings;
import org.signet.client.SignetClient;
import org.signet.client.soap.Signing;
import org.signet.client.soap.admin.Administration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/** The server under test: the real EAR on the managed WildFly the build provisioned, port offset 100. */
final class SignetServer {

    static final URI HTTP = URI.create(System.getProperty("signet.http", "http://localhost:8180"));
    static final String DEMO_USER = "demo";
    static final String DEMO_SEAL = "demo";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private SignetServer() { }

    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, Path.of(System.getProperty("signet.ear")).toFile());
    }

    static Path dataDirectory() {
        return Path.of(System.getProperty("jboss.home"), "standalone", "data", "signet");
    }

    static Path demoCa() {
        return dataDirectory().resolve("trust").resolve("signet-demo-ca.pem");
    }

    /** The demo CA's current CRL, fetched as any relying party would: GET /signet/crl/ca.crl, no credentials. */
    static byte[] publishedCrl() {
        HttpResponse<byte[]> response = send("GET", "/signet/crl/ca.crl", null, null, null, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("the CRL endpoint answered " + response.statusCode());
        }
        return response.body();
    }

    static String demoPassword() {
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(dataDirectory().resolve("demo-credentials.properties"))) {
            credentials.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the server wrote no demo credentials", e);
        }
        return credentials.getProperty("password");
    }

    static Signing soap(String user, String password) {
        return SignetClient.connect(new ClientSettings(HTTP.resolve(ClientSettings.SOAP_PATH), user, password), 60);
    }

    static Administration administration(String user, String password) {
        return SignetClient.administration(new ClientSettings(HTTP.resolve(ClientSettings.SOAP_PATH), user, password), 60);
    }

    static Administration demoAdministration() {
        return administration(DEMO_USER, demoPassword());
    }

    static Signing demoSoap() {
        return soap(DEMO_USER, demoPassword());
    }

    static HttpResponse<byte[]> send(String method, String path, String user, String password, String contentType, byte[] body) {
        return send(method, path, user, password, contentType, body, Map.of());
    }

    static HttpResponse<byte[]> send(String method, String path, String user, String password, String contentType, byte[] body,
                                     Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(HTTP.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A status line's code and the body, of a request sent over a socket bound to {@code from} (another loopback address). */
    record Answer(int status, String body) { }

    /** Sends one HTTP/1.1 request from the given local address, as a client on another computer would. */
    static Answer sendFrom(InetAddress from, String method, String path, String user, String password, String contentType, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(HTTP.getHost(), HTTP.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + HTTP.getAuthority()
                    + "\r\nAuthorization: Basic " + credentials + "\r\nConnection: close\r\n");
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                socket.getOutputStream().write(body);
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(0, answer.indexOf("\r\n")).split(" ")[1]);
            return new Answer(status, answer.substring(answer.indexOf("\r\n\r\n") + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<byte[]> demoPost(String path, String contentType, byte[] body) {
        return send("POST", path, DEMO_USER, demoPassword(), contentType, body);
    }

    /** A call as the demo user (who holds the admin role), with a JSON body or none. */
    static HttpResponse<byte[]> admin(String method, String path, String json) {
        return send(method, path, DEMO_USER, demoPassword(), json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates (or resets) a user through the admin API, as the demo user (who holds the admin role). */
    static void putUser(String name, String password, String... roles) {
        String json = "{\"password\":\"" + password + "\",\"roles\":[" + String.join(",",
                Arrays.stream(roles).map(r -> "\"" + r + "\"").toList()) + "]}";
        HttpResponse<byte[]> response = send("PUT", "/signet/api/admin/users/" + name, DEMO_USER, demoPassword(),
                "application/json", json.getBytes(StandardCharsets.UTF_8));
        if (response.statusCode() != 204) {
            throw new AssertionError("creating user " + name + " answered " + response.statusCode() + ": " + text(response));
        }
    }

    /**
     * A person who can be asked to sign in a workflow: password {@code <name>-password}, mailed at
     * {@code <name>@signet.test}, with a personal certificate from Signet's CA.
     */
    static void workflowSigner(String name) {
        HttpResponse<byte[]> put = admin("PUT", "/signet/api/admin/users/" + name, "{\"password\":\"" + name
                + "-password\",\"roles\":[\"signer\"],\"email\":\"" + name + "@signet.test\"}");
        if (put.statusCode() != 204) {
            throw new AssertionError("creating user " + name + " answered " + put.statusCode() + ": " + text(put));
        }
        HttpResponse<byte[]> certified = admin("POST", "/signet/api/admin/users/" + name + "/certificate", "{}");
        if (certified.statusCode() != 201) {
            throw new AssertionError("certifying " + name + " answered " + certified.statusCode() + ": " + text(certified));
        }
    }

    /** Starts a workflow over REST as the user: the PDF and the workflow's JSON. */
    static HttpResponse<byte[]> startWorkflow(String user, String password, String documentName, byte[] pdf, String workflowJson) {
        Multipart form = new Multipart().file("document", documentName, pdf).text("workflow", workflowJson);
        return send("POST", "/signet/api/workflows", user, password, form.contentType(), form.body());
    }

    /** True when one event of the audit trail (as the demo admin reads it) holds every fragment given. */
    static boolean audited(String... fragments) {
        String trail = text(send("GET", "/signet/api/admin/audit?limit=50", DEMO_USER, demoPassword(), null, null));
        return Arrays.stream(trail.split("\\},\\{"))
                .anyMatch(event -> Arrays.stream(fragments).allMatch(event::contains));
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** A multipart/form-data body; each part is {name, filename-or-null, bytes}. */
    static final class Multipart {
        final String boundary = "signet-" + System.nanoTime();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart file(String name, String fileName, byte[] content) {
            header("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n");
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Multipart text(String name, String value) {
            header("Content-Disposition: form-data; name=\"" + name + "\"\r\n");
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        private void header(String headers) {
            out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] body() {
            ByteArrayOutputStream done = new ByteArrayOutputStream();
            done.writeBytes(out.toByteArray());
            done.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return done.toByteArray();
        }
    }
}
