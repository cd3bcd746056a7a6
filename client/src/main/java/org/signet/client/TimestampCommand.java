package org.signet.client;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.signet.client.SignetCli.OK;
import static org.signet.client.SignetCli.REFUSED;
import static org.signet.client.SignetCli.UNREACHABLE;

/**
 * An RFC 3161 token for a file from Signet's TSA: only the file's SHA-256 leaves this machine. The token is
 * checked against the request (imprint, nonce) before it is written; `openssl ts -verify` accepts it.
 */
final class TimestampCommand extends Command {

    TimestampCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String[] args, Map<String, String> o) {
        Path in = input(o.get("in"));
        Path output = o.containsKey("out") ? Path.of(o.get("out")) : sibling(in, in.getFileName() + ".tsr");
        ClientSettings settings = o.containsKey("tsa") ? null : ClientSettings.resolve(o, env);
        try {
            byte[] digest;
            try (InputStream data = Files.newInputStream(in)) {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = data.read(buffer)) >= 0; ) {
                    sha256.update(buffer, 0, n);
                }
                digest = sha256.digest();
            }
            TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
            requests.setCertReq(true);
            TimeStampRequest request = requests.generate(TSPAlgorithms.SHA256, digest,
                    new BigInteger(64, new SecureRandom()));
            HttpRequest.Builder call = HttpRequest.newBuilder(o.containsKey("tsa") ? tsaUri(o.get("tsa"))
                            : settings.tsa()).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()));
            if (!o.containsKey("tsa") && settings.authorization() != null) { // Signet's password goes to Signet only, never to another TSA
                call.header("Authorization", settings.authorization());
            }
            HttpClient client = !o.containsKey("tsa") && settings.tls() != null
                    ? HttpClient.newBuilder().sslContext(settings.tls()).build() : HttpClient.newHttpClient();
            HttpResponse<byte[]> response = client.send(call.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401) {
                err.println("signet: refused (NOT_AUTHENTICATED): wrong user name or password, or an access token or client certificate that is not valid here");
                return REFUSED;
            }
            if (response.statusCode() != 200) {
                err.println("signet: the time-stamping authority answered HTTP " + response.statusCode());
                return REFUSED;
            }
            TimeStampResponse reply = new TimeStampResponse(response.body());
            if (reply.getStatus() != 0 && reply.getStatus() != 1) {
                err.println("signet: refused (TIME_STAMP): " + reply.getStatusString());
                return REFUSED;
            }
            reply.validate(request);
            write(new DataHandler(new ByteArrayDataSource(response.body(), "application/timestamp-reply")), output);
            if (!o.containsKey("quiet")) {
                out.println("time-stamped " + in + " at " + reply.getTimeStampToken().getTimeStampInfo().getGenTime().toInstant()
                        + " (serial " + reply.getTimeStampToken().getTimeStampInfo().getSerialNumber() + ") -> " + output);
            }
            return OK;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            err.println("signet: the server is unreachable: " + e.getMessage());
            return UNREACHABLE;
        } catch (IOException | GeneralSecurityException | TSPException e) {
            err.println("signet: the time-stamp could not be obtained: " + e.getMessage());
            return REFUSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
    }

    private static URI tsaUri(String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new UsageException("--tsa must be an http or https URL, not '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--tsa must be an http or https URL, not '" + url + "'");
        }
    }
}
