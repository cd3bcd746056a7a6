package org.signet.benchmark;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.signet.client.ClientSettings;
import org.signet.client.SignetClient;
import org.signet.client.soap.PdfSignRequest;
import org.signet.client.soap.Signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Documents/s through a running Signet (REST for every format at levels B to LTA, PAdES-B through a seal whose key is a
 * remote credential of the server's own CSC face, SOAP for PAdES-B; one ~95 KB
 * 20-page PDF, or a small XML for XAdES), and time-stamps/s from its TSA, next to raw JCA
 * SHA256withRSA-2048 signatures/s measured in the same run with the same number of threads, because figures
 * from these machines are only comparable as ratios. Every call is bounded by --seconds; the load goes to the
 * server named by the client settings (default the local ./signet server).
 *
 * usage: ./signet bench [--threads 2] [--seconds 20] [--warmup 5] [--pages 20] [--only stamp,soap]
 */
public final class SigningBenchmark {

    interface Operation {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int threads = intArg(args, "--threads", 2);
        int seconds = intArg(args, "--seconds", 20);
        int warmup = intArg(args, "--warmup", 5);
        int pages = intArg(args, "--pages", 20);
        Properties settings = server();
        URI base = URI.create(settings.getProperty("url"));
        String user = settings.getProperty("user");
        String password = settings.getProperty("password");

        byte[] pdf = pdf(pages);
        System.out.printf("Signet benchmark: %d thread(s), %d s per measurement (after %d s warm-up), %d KB PDF of %d pages, server %s%n",
                threads, seconds, warmup, pdf.length / 1024, pages, base);

        double raw = rawRsa(KeyPairGenerator.getInstance("RSA").generateKeyPair(), threads, warmup, seconds);

        HttpClient http = HttpClient.newHttpClient();
        String authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        // What one authenticated request costs without signing: HTTP Basic checks a bcrypt hash every time.
        URI seals = base.resolve("/signet/api/seals");
        Map<String, Result> results = new LinkedHashMap<>();
        Measurements measurements = new Measurements(results, only(args), threads, warmup, seconds);
        measurements.run("authenticated GET /seals", "REST  authenticated GET /seals", () -> {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(seals).header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /seals answered " + response.statusCode());
            }
        });

        // The application server's own floor: a JAX-RS request through the same filters that needs no sign-in and reads
        // no database (CSC's public info). What GET /seals costs beyond it is the sign-in and the seals' reads.
        URI info = base.resolve("/signet/api/csc/v2/info");
        measurements.run("unauthenticated POST /csc/v2/info", "REST  unauthenticated POST /csc/v2/info", () -> {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(info).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST /csc/v2/info answered " + response.statusCode());
            }
        });

        byte[] xml = "<invoice><number>2026-0042</number><total currency=\"EUR\">1234.56</total></invoice>".getBytes(StandardCharsets.UTF_8);
        String[][] cases = {
                {"pdf", "B", "application/pdf"}, {"pdf", "B", "application/pdf", "&visible=true"},
                {"pdf", "T", "application/pdf"}, {"pdf", "LTA", "application/pdf"},
                {"file", "B", "application/octet-stream"}, {"file", "LTA", "application/octet-stream"},
                {"xml", "B", "application/xml"}, {"xml", "LTA", "application/xml"}};
        for (String[] c : cases) {
            String extra = c.length > 3 ? c[3] : "";
            URI uri = base.resolve("/signet/api/sign/" + c[0] + "?seal=demo&name=bench&level=" + c[1] + extra);
            byte[] body = c[0].equals("xml") ? xml : pdf;
            String label = Map.of("pdf", "PAdES", "file", "CAdES", "xml", "XAdES").get(c[0]) + "-" + c[1]
                    + (extra.contains("visible") ? " visible stamp" : "") + " (REST)";
            measurements.run(label, "REST  " + label, () -> {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization)
                        .header("Content-Type", c[2]).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(label + " answered " + response.statusCode() + ": "
                            + new String(response.body(), StandardCharsets.UTF_8));
                }
            });
        }
        // The same PAdES-B with a seal whose key is a credential of a remote signature service (this Signet's own CSC face
        // on loopback): what the hash's round trips (activation, signHash) cost next to a local key.
        if (measurements.wanted("PAdES-B via a remote seal (CSC)") && remoteSeal(http, base, authorization, user, password)) {
            URI remote = base.resolve("/signet/api/sign/pdf?seal=" + REMOTE_SEAL + "&name=bench&level=B");
            measurements.run("PAdES-B via a remote seal (CSC)", "REST  PAdES-B via a remote seal (CSC, loopback)", () -> {
                        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(remote).header("Authorization", authorization)
                                .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("the remote seal answered " + response.statusCode() + ": "
                                    + new String(response.body(), StandardCharsets.UTF_8));
                        }
                    });
        }
        ThreadLocal<Signing> soap = ThreadLocal.withInitial(() -> SignetClient.connect(
                new ClientSettings(base.resolve(ClientSettings.SOAP_PATH), user, password), 60));
        measurements.run("PAdES-B (SOAP)", "SOAP  PAdES-B (signPdf)", () -> {
            PdfSignRequest request = new PdfSignRequest();
            request.setSeal("demo");
            request.setDocument(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
            try (InputStream in = soap.get().signPdf(request).getDocument().getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        });
        URI tsa = base.resolve("/signet/tsa");
        byte[] query = new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded();
        measurements.run("RFC 3161 time-stamps", "TSA   time-stamp tokens", () -> {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(tsa).header("Authorization", authorization)
                    .header("Content-Type", "application/timestamp-query").POST(HttpRequest.BodyPublishers.ofByteArray(query)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || new TimeStampResponse(response.body()).getStatus() != 0) {
                throw new IllegalStateException("the TSA answered " + response.statusCode());
            }
        });

        System.out.printf("%nRatios against raw RSA-2048 (%.0f/s) in this run, %d client thread(s):%n", raw, threads);
        results.forEach((label, r) -> System.out.printf("  %-34s %8.1f /s   %.4f x   p50 %7.1f ms   p99 %7.1f ms%n",
                label, r.perSecond(), r.perSecond() / raw, r.p50Millis(), r.p99Millis()));
    }

    /** The measurements --only asks for (all without it), each kept under its label. */
    record Measurements(Map<String, Result> results, List<String> only, int threads, int warmup, int seconds) {
        boolean wanted(String label) {
            return only.isEmpty() || only.stream().anyMatch(o -> label.toLowerCase(Locale.ROOT).contains(o));
        }

        void run(String label, String name, Operation operation) throws Exception {
            if (wanted(label)) {
                results.put(label, measureLatencies(name, threads, warmup, seconds, operation));
            }
        }
    }

    /** --only a,b: the measurements whose labels contain one of these words (any case). */
    private static List<String> only(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--only")) {
                return Arrays.stream(args[i + 1].split(",")).map(String::strip).filter(w -> !w.isEmpty())
                        .map(w -> w.toLowerCase(Locale.ROOT)).toList();
            }
        }
        return List.of();
    }

    static final String REMOTE_SEAL = "bench-via-remote";

    /**
     * Makes (once) a credential seal, this server's CSC face as a token over it, and a PAdES seal over that token's
     * credential; false, with the reason, when the server does not allow its own CSC face as a service.
     */
    static boolean remoteSeal(HttpClient http, URI base, String authorization, String user, String password) throws Exception {
        String service = base.resolve("/signet/api/csc/v2/").toString();
        String[][] steps = {
                {"/signet/api/admin/seals/bench-remote-credential", "{\"formats\":[\"HASH\"],\"maxLevel\":\"B\"}"},
                {"/signet/api/admin/seals/bench-remote-credential/users/" + user, null},
                {"/signet/api/admin/tokens/bench-remote", "{\"service\":\"" + service + "\",\"account\":\"" + user + "\",\"password\":\""
                        + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"},
                {"/signet/api/admin/seals/" + REMOTE_SEAL, "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\",\"keys\":[\"bench-remote/bench-remote-credential\"]}"},
                {"/signet/api/admin/seals/" + REMOTE_SEAL + "/users/" + user, null}};
        for (String[] step : steps) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(step[0])).header("Authorization", authorization)
                    .PUT(step[1] == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(step[1]));
            if (step[1] != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() >= 300 && !answer.body().contains("exists already")) {
                System.out.println("(no remote seal: " + step[0] + " answered " + answer.statusCode() + " " + answer.body() + ")");
                return false;
            }
        }
        return true;
    }

    /** The baseline every figure is a ratio to: raw JCA SHA256withRSA signatures/s with this key. */
    static double rawRsa(KeyPair rsa, int threads, int warmup, int seconds) throws Exception {
        byte[] data = new byte[64];
        return measure("raw JCA SHA256withRSA-2048", threads, warmup, seconds, () -> {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(rsa.getPrivate());
            s.update(data);
            s.sign();
        });
    }

    /** Operations/s and the latencies of every call in the measured seconds (not the warm-up). */
    record Result(double perSecond, double p50Millis, double p99Millis) {
        static Result of(long[] latencies, long elapsedNanos) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return new Result(sorted.length / (elapsedNanos / 1e9), percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
        }

        private static double percentile(long[] sorted, double p) {
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }
    }

    static double measure(String name, int threads, int warmup, int seconds, Operation operation) throws Exception {
        return measureLatencies(name, threads, warmup, seconds, operation).perSecond();
    }

    static Result measureLatencies(String name, int threads, int warmup, int seconds, Operation operation) throws Exception {
        run(threads, warmup, operation);
        long start = System.nanoTime();
        long[] latencies = run(threads, seconds, operation);
        Result result = Result.of(latencies, System.nanoTime() - start);
        System.out.printf("%-32s %10.1f /s   p50 %7.1f ms   p99 %7.1f ms   (%d in %d s)%n", name, result.perSecond(),
                result.p50Millis(), result.p99Millis(), latencies.length, seconds);
        return result;
    }

    /** Every call's nanoseconds, from all threads. */
    private static long[] run(int threads, int seconds, Operation operation) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<long[]>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(() -> {
                    long[] took = new long[1024];
                    int n = 0;
                    for (long began = System.nanoTime(); began < deadline; ) {
                        operation.run();
                        long ended = System.nanoTime();
                        if (n == took.length) {
                            took = Arrays.copyOf(took, n * 2);
                        }
                        took[n++] = ended - began;
                        began = ended;
                    }
                    return Arrays.copyOf(took, n);
                });
            }
            long[] all = new long[0];
            for (Future<long[]> f : pool.invokeAll(workers)) {
                long[] some = f.get();
                int at = all.length;
                all = Arrays.copyOf(all, at + some.length);
                System.arraycopy(some, 0, all, at, some.length);
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The server's settings, once it has answered an authenticated request; otherwise the benchmark ends here with
     * what is wrong, before it measures anything.
     */
    static Properties server() throws IOException, InterruptedException {
        Properties settings = settings();
        if (settings == null) {
            return stop("no server: run ./signet start first, or set SIGNET_URL, SIGNET_USER, SIGNET_PASSWORD");
        }
        URI seals = URI.create(settings.getProperty("url")).resolve("/signet/api/seals");
        String authorization = "Basic " + Base64.getEncoder().encodeToString((settings.getProperty("user") + ":"
                + settings.getProperty("password")).getBytes(StandardCharsets.UTF_8));
        try {
            int status = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(seals).header("Authorization", authorization).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status != 200) {
                return stop("the server at " + settings.getProperty("url") + " answered " + status + " to user '"
                        + settings.getProperty("user") + "' (GET /signet/api/seals): check SIGNET_USER and SIGNET_PASSWORD");
            }
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return stop("no Signet server answers at " + settings.getProperty("url") + ": run ./signet start first, or set SIGNET_URL");
        }
        return settings;
    }

    private static Properties stop(String message) {
        System.err.println("signet bench: " + message);
        System.exit(2);
        return null;
    }

    /** What the client configuration and the environment say, or null when they name no server. */
    private static Properties settings() throws IOException {
        Properties p = new Properties();
        String config = System.getenv("SIGNET_CONFIG");
        if (config != null && Files.exists(Path.of(config))) {
            try (InputStream in = Files.newInputStream(Path.of(config))) {
                p.load(in);
            }
        }
        put(p, "url", System.getenv("SIGNET_URL"));
        put(p, "user", System.getenv("SIGNET_USER"));
        put(p, "password", System.getenv("SIGNET_PASSWORD"));
        return p.getProperty("url") == null || p.getProperty("user") == null || p.getProperty("password") == null ? null : p;
    }

    private static void put(Properties p, String key, String value) {
        if (value != null && !value.isBlank()) {
            p.setProperty(key, value);
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    /** A text PDF of about 4 KB a page, like a scanned-and-OCRed statement's text layer. */
    static byte[] pdf(int pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.COURIER);
            Random random = new Random(1);
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.OVERWRITE, true)) {
                    content.beginText();
                    content.setFont(font, 8);
                    content.newLineAtOffset(40, 800);
                    for (int line = 0; line < 80; line++) {
                        StringBuilder text = new StringBuilder();
                        for (int c = 0; c < 90; c++) {
                            text.append((char) ('A' + random.nextInt(26)));
                        }
                        content.showText(text.toString());
                        content.newLineAtOffset(0, -9.5f);
                    }
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
