package org.signet.client;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.xml.ws.WebServiceException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.signet.client.soap.AnalysisRequest;
import org.signet.client.soap.FileSignRequest;
import org.signet.client.soap.PdfSignRequest;
import org.signet.client.soap.SealDescription;
import org.signet.client.soap.SignResponse;
import org.signet.client.soap.SignatureResult;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.Signing;
import org.signet.client.soap.SigningRequest;
import org.signet.client.soap.VerificationRequest;
import org.signet.client.soap.VerificationResult;
import org.signet.client.soap.XmlSignRequest;
import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.BatchProgress;
import org.signet.client.soap.admin.HotFolder;
import org.signet.client.soap.admin.KeyDescription;
import org.signet.client.soap.admin.KeyTest;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code signet sign|verify|seals}: the SOAP API for shells and schedulers. One line on stderr for every
 * error, and an exit code a scheduler can act on.
 */
public final class SignetCli {

    public static final int OK = 0;
    /** verify: a signature is not valid, or the document has none. */
    public static final int NOT_VALID = 1;
    public static final int USAGE = 2;
    /** Signet refused the request (bad credentials, not authorised, bad input). */
    public static final int REFUSED = 3;
    public static final int UNREACHABLE = 4;

    private static final Set<String> FLAGS = Set.of("quiet", "visible", "ask-pin", "keep-originals", "wait");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    SignetCli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(new SignetCli(System.out, System.err, System.getenv()).run(args));
    }

    int run(String[] args) {
        try {
            if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
                out.println(USAGE_TEXT);
                return args.length == 0 ? USAGE : OK;
            }
            // "keys list --url ...": the sub-command takes the command's place before the options
            Map<String, String> options = options((args[0].equals("keys") || args[0].equals("hotfolder") || args[0].equals("batch")) && args.length > 1
                    ? Arrays.copyOfRange(args, 1, args.length) : args);
            return switch (args[0]) {
                case "sign" -> sign(options);
                case "verify" -> verify(options);
                case "seals" -> seals(options);
                case "analyze" -> analyze(options);
                case "timestamp" -> timestamp(options);
                case "keys" -> keys(args, options);
                case "hotfolder" -> hotFolder(args, options);
                case "batch" -> batch(args, options);
                default -> throw new UsageException("unknown command '" + args[0] + "'; try: signet help");
            };
        } catch (UsageException e) {
            err.println("signet: " + e.getMessage());
            return USAGE;
        } catch (SignetFault e) {
            String code = e.getFaultInfo() == null ? "REFUSED" : e.getFaultInfo().getCode();
            err.println("signet: refused (" + code + "): " + e.getMessage());
            return REFUSED;
        } catch (WebServiceException e) {
            return transportFailure(e);
        }
    }

    private int sign(Map<String, String> o) throws SignetFault {
        Path in = input(o.get("in"));
        String seal = required(o, "seal");
        String format = o.getOrDefault("format", looksLikePdf(in) ? "pades" : "cades").toLowerCase(Locale.ROOT);
        DataHandler document = new DataHandler(new FileDataSource(in.toFile()));
        String name = in.getFileName().toString();
        Signing port = connect(o);
        SignResponse signed = switch (format) {
            case "pades" -> {
                PdfSignRequest request = common(new PdfSignRequest(), o, seal, document, name);
                request.setSignerName(o.get("signer-name"));
                request.setReason(o.get("reason"));
                request.setLocation(o.get("location"));
                request.setContactInfo(o.get("contact"));
                request.setField(o.get("field"));
                request.setSubFilter(o.get("subfilter"));
                request.setVisible(o.containsKey("visible") ? Boolean.TRUE : null);
                if (o.containsKey("page")) {
                    try {
                        request.setPage(Integer.valueOf(o.get("page")));
                    } catch (NumberFormatException e) {
                        throw new UsageException("--page must be a page number, not '" + o.get("page") + "'");
                    }
                }
                request.setRect(o.get("rect"));
                // a shell passes "\n" literally; the template's lines are real line breaks
                request.setStampText(o.containsKey("stamp-text") ? o.get("stamp-text").replace("\\n", "\n") : null);
                if (o.containsKey("image")) {
                    request.setStampImage(new DataHandler(new FileDataSource(input(o.get("image")).toFile())));
                }
                yield port.signPdf(request);
            }
            case "cades" -> {
                FileSignRequest request = common(new FileSignRequest(), o, seal, document, name);
                request.setPackaging(o.get("packaging"));
                yield port.signFile(request);
            }
            case "xades" -> {
                XmlSignRequest request = common(new XmlSignRequest(), o, seal, document, name);
                request.setPackaging(o.get("packaging"));
                yield port.signXml(request);
            }
            default -> throw new UsageException("--format must be pades, cades or xades, not '" + format + "'");
        };
        // The server names the output (e.g. a-signed.pdf, a.csv.p7s); it goes next to the input unless --out says.
        Path output = o.containsKey("out") ? Path.of(o.get("out")) : sibling(in, signed.getFileName());
        write(signed.getDocument(), output);
        if (!o.containsKey("quiet")) {
            out.println("signed " + in + " with seal " + signed.getSeal() + " (" + signed.getFormat() + "-" + signed.getLevel()
                    + ") -> " + output);
        }
        return OK;
    }

    private static <R extends SigningRequest> R common(R request, Map<String, String> o, String seal, DataHandler document, String name) {
        request.setSeal(seal);
        request.setDocument(document);
        request.setDocumentName(name);
        request.setLevel(o.get("level"));
        request.setHash(o.get("hash"));
        request.setCards(o.get("cards"));
        char[] pin = pin(o, "the card's PIN");
        request.setPin(pin == null ? null : new String(pin));
        return request;
    }

    /** An individual card's PIN: from --pin-file, or typed at --ask-pin; never an option value, which ps would show. */
    private static char[] pin(Map<String, String> o, String prompt) {
        if (o.containsKey("pin-file")) {
            try {
                String text = Files.readString(Path.of(o.get("pin-file")), StandardCharsets.UTF_8);
                return text.replaceAll("[\\r\\n]+$", "").toCharArray();
            } catch (IOException e) {
                throw new UsageException("cannot read the PIN file " + o.get("pin-file") + ": " + e.getMessage());
            }
        }
        if (o.containsKey("ask-pin")) {
            Console console = System.console();
            if (console == null) {
                throw new UsageException("--ask-pin needs a terminal; use --pin-file FILE in scripts");
            }
            return console.readPassword("%s: ", prompt);
        }
        return null;
    }

    private int verify(Map<String, String> o) throws SignetFault {
        Path in = input(o.get("in"));
        VerificationRequest request = new VerificationRequest();
        request.setDocument(new DataHandler(new FileDataSource(in.toFile())));
        request.setDocumentName(in.getFileName().toString());
        if (o.containsKey("signature")) {
            request.setDetachedSignature(new DataHandler(new FileDataSource(input(o.get("signature")).toFile())));
        }
        request.setEtsiReport(o.containsKey("etsi-report"));
        VerificationResult result = connect(o).verify(request);
        if (result.getSignature().isEmpty()) {
            out.println("NO SIGNATURE  " + in);
        }
        for (SignatureResult s : result.getSignature()) {
            if ("EMPTY".equals(s.getStatusName())) {
                out.println("3 EMPTY    field " + s.getFieldName());
                continue;
            }
            out.println(s.getStatus() + " " + s.getStatusName() + "  " + s.getSignatureFormat()
                    + (s.getFieldName() == null ? "" : "  field " + s.getFieldName())
                    + "  signed by " + s.getSignedBy() + "  at " + s.getSigningTime()
                    + (s.isCertificateExpired() ? "  (certificate expired)" : "")
                    + (s.isValid() ? "" : "  [" + s.getIndication() + (s.getSubIndication() == null ? "" : "/" + s.getSubIndication())
                    + "] " + String.join("; ", s.getError())));
        }
        if (o.containsKey("etsi-report") && result.getEtsiValidationReport() != null) {
            try {
                Files.writeString(Path.of(o.get("etsi-report")), result.getEtsiValidationReport());
            } catch (IOException e) {
                throw new UsageException("cannot write " + o.get("etsi-report") + ": " + e.getMessage());
            }
        }
        return result.isAllValid() ? OK : NOT_VALID;
    }

    private int analyze(Map<String, String> o) throws SignetFault {
        Path in = input(o.get("in"));
        AnalysisRequest request = new AnalysisRequest();
        request.setDocument(new DataHandler(new FileDataSource(in.toFile())));
        request.setDocumentName(in.getFileName().toString());
        out.println(connect(o).analyzePdf(request).getXml());
        return OK;
    }

    /**
     * An RFC 3161 token for a file from Signet's TSA: only the file's SHA-256 leaves this machine. The token is
     * checked against the request (imprint, nonce) before it is written; `openssl ts -verify` accepts it.
     */
    private int timestamp(Map<String, String> o) {
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
            if (!o.containsKey("tsa")) { // Signet's password goes to Signet only, never to another TSA
                call.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(call.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401) {
                err.println("signet: refused (NOT_AUTHENTICATED): wrong user name or password");
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

    /** ./signet keys list|activate|deactivate|request|import|test (admin role). */
    private int keys(String[] args, Map<String, String> o) {
        String command = args.length < 2 ? "" : args[1];
        try {
            Administration admin = SignetClient.administration(ClientSettings.resolve(o, env), 60);
            switch (command) {
                case "list" -> {
                    for (KeyDescription key : admin.listKeys()) {
                        out.println(key.getToken() + "/" + (key.getAlias() == null ? "-" : key.getAlias()) + "  " + key.getTokenKind()
                                + "  seals " + key.getSeal() + "  " + key.getSignatures() + " signatures"
                                + (key.getMaxSignatures() == null ? "" : " of at most " + key.getMaxSignatures())
                                + "  " + key.getState() + (key.getCertificateSubject() == null ? "" : "  " + key.getCertificateSubject()));
                    }
                }
                case "activate" -> {
                    char[] pin = pin(o, "PIN of card " + required(o, "token"));
                    admin.activateToken(required(o, "token"), pin == null ? null : new String(pin));
                    out.println("token " + o.get("token") + " activated");
                }
                case "deactivate" -> {
                    admin.deactivateToken(required(o, "token"));
                    out.println("token " + o.get("token") + " deactivated");
                }
                case "request" -> {
                    String request = admin.requestCertificate(required(o, "token"), required(o, "alias"), o.get("algorithm"),
                            o.containsKey("key-size") ? Integer.parseInt(o.get("key-size")) : 0, required(o, "subject"));
                    if (o.containsKey("out")) {
                        Files.writeString(Path.of(o.get("out")), request);
                        out.println("certification request for " + o.get("token") + "/" + o.get("alias") + " -> " + o.get("out"));
                    } else {
                        out.print(request);
                    }
                }
                case "import" -> {
                    byte[] chain = Files.readAllBytes(input(o.get("chain")));
                    out.println("imported the chain of " + o.get("token") + "/" + required(o, "alias") + ": "
                            + admin.importChain(required(o, "token"), o.get("alias"), chain));
                }
                case "test" -> {
                    char[] pin = pin(o, "PIN of card " + required(o, "token"));
                    KeyTest test = admin.testKey(required(o, "token"), required(o, "alias"),
                            pin == null ? null : new String(pin));
                    out.println(test.getKey() + "  " + (test.isOk() ? "OK" : "FAILED") + "  " + test.getMessage() + "  (" + test.getMillis() + " ms)");
                    return test.isOk() ? OK : REFUSED;
                }
                default -> throw new UsageException("usage: signet keys list|activate|deactivate|request|import|test ...; try: signet help");
            }
            return OK;
        } catch (org.signet.client.soap.admin.SignetFault e) {
            return refused(e);
        } catch (NumberFormatException e) {
            throw new UsageException("--key-size takes a number of bits");
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** ./signet hotfolder add|list|remove (admin role). */
    private int hotFolder(String[] args, Map<String, String> o) {
        String command = args.length < 2 ? "" : args[1];
        try {
            Administration admin = SignetClient.administration(ClientSettings.resolve(o, env), 60);
            switch (command) {
                case "add" -> {
                    HotFolder folder = new HotFolder();
                    folder.setName(required(o, "name"));
                    folder.setRoot(absolute(required(o, "root")));
                    folder.setOut(absolute(required(o, "out")));
                    folder.setError(absolute(required(o, "error")));
                    folder.setFormat(required(o, "format"));
                    folder.setLevel(o.get("level"));
                    folder.setSeal(required(o, "seal"));
                    folder.setRunAs(o.get("run-as"));
                    folder.setCards(o.get("cards"));
                    folder.setStampText(o.containsKey("stamp-text") ? o.get("stamp-text").replace("\\n", "\n") : null);
                    folder.setApprovalFile(o.get("approval-file"));
                    folder.setReadyFile(o.get("ready-file"));
                    folder.setFilter(o.get("filter"));
                    folder.setKeepOriginals(o.containsKey("keep-originals") ? Boolean.TRUE : null);
                    HotFolder added = admin.putHotFolder(folder);
                    out.println("hot folder " + added.getName() + ": " + added.getRoot() + " -> " + added.getOut() + " (errors to "
                            + added.getError() + "), " + added.getFormat() + "-" + added.getLevel() + " with seal " + added.getSeal()
                            + " as " + added.getRunAs());
                }
                case "list" -> {
                    for (HotFolder f : admin.listHotFolders()) {
                        out.println(f.getName() + "  " + f.getRoot() + " -> " + f.getOut() + "  errors " + f.getError() + "  " + f.getFormat()
                                + "-" + f.getLevel() + "  seal " + f.getSeal() + "  as " + f.getRunAs() + "  approval " + f.getApprovalFile()
                                + ", ready " + f.getReadyFile() + (f.getFilter() == null ? "" : "  filter " + f.getFilter())
                                + (f.getCards() == null ? "" : "  cards " + f.getCards())
                                + (Boolean.TRUE.equals(f.isKeepOriginals()) ? "  keeps originals" : ""));
                    }
                }
                case "remove" -> {
                    admin.removeHotFolder(required(o, "name"));
                    out.println("hot folder " + o.get("name") + " removed (its folders and files stay)");
                }
                default -> throw new UsageException("usage: signet hotfolder add|list|remove ...; try: signet help");
            }
            return OK;
        } catch (org.signet.client.soap.admin.SignetFault e) {
            return refused(e);
        }
    }

    private int refused(org.signet.client.soap.admin.SignetFault e) {
        err.println("signet: refused (" + e.getFaultInfo().getCode() + "): " + e.getMessage());
        return REFUSED;
    }

    /** Exit codes for schedulers: a batch all signed, one with failed files, one that failed or was stopped, one still running. */
    static final int BATCH_PARTIAL = 10;
    static final int BATCH_FAILED = 11;
    static final int BATCH_RUNNING = 12;

    /** ./signet batch start|status|wait|stop|restart: hot-folder batches driven by a scheduler. */
    private int batch(String[] args, Map<String, String> o) {
        String command = args.length < 2 ? "" : args[1];
        try {
            Administration admin = SignetClient.administration(ClientSettings.resolve(o, env), 60);
            switch (command) {
                case "start" -> {
                    BatchProgress started = admin.approveBatch(required(o, "hotfolder"), required(o, "batch"));
                    out.println(started.getId());
                    return o.containsKey("wait") ? await(admin, started.getId(), o) : OK;
                }
                case "status" -> {
                    return report(admin.batchStatus(required(o, "id")));
                }
                case "wait" -> {
                    return await(admin, required(o, "id"), o);
                }
                case "stop" -> {
                    admin.stopBatch(required(o, "id"));
                    out.println("batch " + o.get("id") + " stops after its current chunk");
                    return OK;
                }
                case "restart" -> {
                    admin.restartBatch(required(o, "id"));
                    out.println("batch " + o.get("id") + " restarted");
                    return o.containsKey("wait") ? await(admin, o.get("id"), o) : OK;
                }
                default -> throw new UsageException("usage: signet batch start|status|wait|stop|restart ...; try: signet help");
            }
        } catch (org.signet.client.soap.admin.SignetFault e) {
            return refused(e);
        }
    }

    private int await(Administration admin, String id, Map<String, String> o)
            throws org.signet.client.soap.admin.SignetFault {
        long timeout;
        try {
            timeout = Long.parseLong(o.getOrDefault("timeout", "86400"));
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout takes seconds, not '" + o.get("timeout") + "'");
        }
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        BatchProgress progress = admin.batchStatus(id);
        while ("RUNNING".equals(progress.getState()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            progress = admin.batchStatus(id);
        }
        return report(progress);
    }

    private int report(BatchProgress p) {
        out.println(p.getId() + "  " + p.getHotFolder() + "/" + p.getName() + "  " + p.getState() + "  signed " + p.getSigned()
                + "  failed " + p.getFailed() + "  pending " + p.getPending()
                + String.format(Locale.ROOT, "  %.1f docs/s", p.getDocumentsPerSecond())
                + (p.getEtaSeconds() == null ? "" : "  eta " + p.getEtaSeconds() + " s")
                + (p.getProblem() == null ? "" : "  (" + p.getProblem() + ")"));
        return switch (p.getState()) {
            case "COMPLETED" -> p.getFailed() == 0 ? OK : BATCH_PARTIAL;
            case "RUNNING" -> BATCH_RUNNING;
            default -> BATCH_FAILED;
        };
    }

    /** The server resolves folders itself: relative ones are made absolute against where the command runs. */
    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize().toString();
    }

    private int seals(Map<String, String> o) throws SignetFault {
        for (SealDescription seal : connect(o).listSeals()) {
            out.println(seal.getName() + "  " + seal.getFormat() + " up to " + seal.getMaxLevel() + "  " + seal.getCertificateSubject()
                    + "  valid to " + seal.getValidTo());
        }
        return OK;
    }

    private Signing connect(Map<String, String> o) {
        int timeout;
        try {
            timeout = Integer.parseInt(o.getOrDefault("timeout", "300"));
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout takes seconds, not '" + o.get("timeout") + "'");
        }
        return SignetClient.connect(ClientSettings.resolve(o, env), timeout);
    }

    private int transportFailure(WebServiceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                err.println("signet: the server is unreachable: " + t.getMessage());
                return UNREACHABLE;
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("401")) {
            err.println("signet: refused (NOT_AUTHENTICATED): wrong user name or password");
            return REFUSED;
        }
        err.println("signet: the server answered something that is not Signet's SOAP service: " + message);
        return UNREACHABLE;
    }

    /** Written next to the target and renamed when complete: a failed download never leaves a half-written file. */
    private static void write(DataHandler content, Path output) {
        Path target = output.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + ".part");
        try (InputStream in = content.getInputStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw new UsageException("cannot write " + output + ": " + e.getMessage());
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new UsageException("unexpected argument '" + args[i] + "'; options look like --name value");
            }
            String name = args[i].substring(2);
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
        }
        return options;
    }

    private static String required(Map<String, String> o, String name) {
        String value = o.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    private static Path input(String name) {
        if (name == null) {
            throw new UsageException("--in is required");
        }
        Path path = Path.of(name);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UsageException("cannot read " + name);
        }
        return path;
    }

    private static boolean looksLikePdf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(1024), StandardCharsets.ISO_8859_1).contains("%PDF-");
        } catch (IOException e) {
            return false;
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

    private static Path sibling(Path file, String name) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }

    static final String USAGE_TEXT = """
            usage: signet <command> [options]
              sign    --seal NAME --in FILE [--out FILE] [--format pades|cades|xades] [--level B|T|LT|LTA]
                      [--packaging detached|attached (cades) | enveloped|enveloping|detached (xades)]
                      [--hash SHA-256|SHA-384|SHA-512]
                      [--reason R] [--location L] [--contact C] [--signer-name N] [--field NAME|*]
                      [--subfilter ETSI.CAdES.detached|adbe.pkcs7.detached]
                      [--visible] [--page N] [--rect X,Y,WIDTH,HEIGHT] [--image LOGO.png] [--stamp-text TEMPLATE]
                      a visible stamp: points from the page's top-left corner as displayed, default bottom left
                      of page 1, or into --field; template placeholders {signer} {seal} {date} {reason}
                      {location} {contact} {subject} {issuer} {serial}, one line per \\n
                      a PDF gets an embedded PAdES signature, any other file a detached CAdES .p7s by default
              verify  --in FILE [--signature FILE.p7s] [--etsi-report FILE.xml]
                      one line a signature: status 0 valid, 1 valid but changed afterwards, 2 invalid,
                      3 empty field, 4 unknown; exit 0 only when every signature is valid (status 0)
              analyze --in FILE.pdf                        the PDF's version, PDF/A part and signature fields as XML
              timestamp --in FILE [--out FILE.tsr] [--tsa URL]
                      an RFC 3161 token from Signet's TSA, or from the TSA at URL (only the hash is sent)
              seals                                        the seals you may use
              keys list                                    every token's keys: seals, state, signatures and limits (admin)
              keys activate --token T [--ask-pin | --pin-file F]   a token back in service; a mass-signature card
                                                           signs for its activation limits (admin)
              keys deactivate --token T                    out of service; a mass-signature card locks (admin)
              keys request --token T --alias A --subject DN [--algorithm RSA|EC] [--key-size N] [--out F.csr]
                                                           a key made in the token and its PKCS#10 request (admin)
              keys import --token T --alias A --chain FILE the chain the outside CA issued (admin)
              keys test --token T --alias A [--ask-pin | --pin-file F]   sign a challenge and check it (admin)
              hotfolder add --name N --root DIR --out DIR --error DIR --format pades|cades|xades --seal S
                      [--level B|T|LT|LTA] [--run-as USER] [--cards none|CARD,..] [--stamp-text T] [--filter '*.pdf']
                      [--approval-file APPROVED] [--ready-file READY] [--keep-originals]
                                                           a watched root: each sub-folder is a batch, signed when its
                                                           approval file appears; results in OUT/<batch> with a report
                                                           and the ready file last, failures in ERROR/<batch> (admin)
              hotfolder list | hotfolder remove --name N   (admin)
              batch start --hotfolder H --batch NAME [--wait [--timeout S]]   approve a filled batch folder; prints its id
              batch status --id ID | batch wait --id ID [--timeout S] | batch stop --id ID | batch restart --id ID [--wait]
                      (an admin or the hot folder's run-as user); exit 0 all signed, 10 done with failed files,
                      11 batch failed or stopped, 12 still running
            cards:    sign --cards none|CARD,CARD  which signature cards the request may use (default any);
                      an individual card's PIN: --ask-pin (prompt) or --pin-file FILE
            connection: --url URL --user U --password P, or SIGNET_URL, SIGNET_USER, SIGNET_PASSWORD,
                        or a config file (--config F, $SIGNET_CONFIG, ~/.signet/client.properties)
                        --timeout SECONDS (default 300)
            exit codes: 0 ok, 1 a signature is not valid, 2 usage or local file error,
                        3 refused by Signet, 4 server unreachable, 10/11/12 for batches (above)""";
}
