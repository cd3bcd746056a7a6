package org.signet.config;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;

import org.signet.model.ClientNetworks;
import org.signet.model.SignetException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Signet's settings, read from system properties (set them with the WildFly CLI:
 * {@code /system-property=signet.max-document-size:add(value=200M)}) and checked when the application starts,
 * so that a typo stops the deployment with a message naming the property instead of failing a request later.
 *
 * @param dataDirectory     where Signet keeps its tokens, trust anchors and demo files
 * @param maxDocumentBytes  the largest document or signature accepted by any face
 * @param maxRequestBytes   the largest request body any face reads (a document with its signature, image or base64)
 * @param largeRequests     how many request bodies over a mebibyte the server reads at once; more wait
 * @param maxStreamedBytes  the largest document signed while it arrives (a detached CAdES signature over REST's raw body
 *                          or a SOAP attachment): digested on the way, never held, so bounded by time and disk only
 * @param createDemo        create the demo CA, seal and user on first start (off in production)
 * @param publicUrl         how clients reach this server (scheme://host:port), e.g. in CRL distribution points
 * @param timeStampPolicy   the policy OID the built-in time-stamping authority issues its tokens under
 * @param timeStampUrls     external time-stamping authorities, tried in order; empty: Signet's own TSA
 * @param timeStampTimeout  how long one external TSA may take to answer
 * @param hotFolderWorkers  how many threads sign the files of one batch (1 to 16)
 * @param archiveSealTime   when the archive is sealed each day (server time)
 * @param archiveRenewal    how long before the last time stamp's certificate of a sealed tree expires it is renewed
 * @param archiveStore      where the documents of seals and hot folders that keep them are kept, by their SHA-256
 * @param archiveHash       the hash algorithm a hash-tree renewal (RFC 4998 §5.3) moves the archive's evidence to
 * @param weakArchiveHashes hash algorithms no longer trusted for long: evidence in them is renewed with {@code archiveHash}
 *                          by the daily job, and their time stamps are no longer renewed
 * @param hotFolderBases    the only folders under which hot-folder roots, out and error folders may lie (none: no hot folders)
 * @param pkcs11Libraries   the only PKCS#11 module libraries a token may be registered with (none: no PKCS#11 tokens)
 * @param remoteServices    the only remote signature services (CSC base URIs) a token may be registered with (none: no such tokens)
 * @param serverDirectories the server's own directories (installation, configuration, data, logs, Signet's data), which no
 *                          hot folder may lie in or hold
 * @param publicVerification whether the verify page at /signet/verify.xhtml answers anyone, without signing in (so that
 *                          customers can check a document's sender); off by default
 * @param oauth2Issuer      the OpenID provider whose access tokens name Signet users (checked by Signet's realm, which
 *                          reads the same property); null: none. The CSC face names it to its clients
 * @param workflowCallbacks the only URLs a workflow template may call back when its workflows end (none: no callbacks)
 * @param linkOnlyClients   the networks from which a workflow step marked "link only" is signed by its mailed link alone,
 *                          without signing in (none: such steps are refused)
 * @param serviceRegion     the ISO 3166-1 alpha-2 country the CSC face's info names as the service's region (default: the
 *                          JVM locale's country; null when neither is known)
 * @param personClients     the remote signature services whose credentials persons link to their personal seal by logging
 *                          in there (OAuth 2.0 authorization code with PKCE), each with Signet's client ID at the service's
 *                          issuer; every one is among {@code remoteServices}
 */
public record SignetConfiguration(Path dataDirectory, long maxDocumentBytes, long maxRequestBytes, int largeRequests,
                                  long maxStreamedBytes,
                                  boolean createDemo, String publicUrl,
                                  String timeStampPolicy, List<URI> timeStampUrls,
                                  Duration timeStampTimeout, int hotFolderWorkers, LocalTime archiveSealTime,
                                  Duration archiveRenewal, Path archiveStore, DigestAlgorithm archiveHash,
                                  Set<DigestAlgorithm> weakArchiveHashes, List<Path> hotFolderBases,
                                  List<Path> pkcs11Libraries, List<URI> remoteServices, List<Path> serverDirectories,
                                  boolean publicVerification, URI oauth2Issuer, List<URI> workflowCallbacks,
                                  ClientNetworks linkOnlyClients, String serviceRegion, Map<URI, String> personClients) {

    /** Signet's own default TSA policy: a UUID OID (ITU-T X.667), unique without registration. */
    public static final String DEFAULT_TSA_POLICY = "2.25.148903819559518820972875894102669051177";

    public static final String DATA_DIRECTORY = "signet.data-dir";
    public static final String SERVICE_REGION = "signet.csc.region";
    public static final String LINK_ONLY_CLIENTS = "signet.workflow.link-only-clients";
    public static final String MAX_DOCUMENT_SIZE = "signet.max-document-size";
    public static final String MAX_REQUEST_SIZE = "signet.max-request-size";
    public static final String LARGE_REQUESTS = "signet.max-large-requests";
    public static final String MAX_STREAMED_SIZE = "signet.max-streamed-size";
    public static final String CREATE_DEMO = "signet.demo";
    public static final String PUBLIC_VERIFICATION = "signet.web.public-verification";
    public static final String PUBLIC_URL = "signet.public-url";
    public static final String OAUTH2_ISSUER = "signet.oauth2.issuer";
    public static final String TSA_POLICY = "signet.tsa.policy";
    public static final String TSA_URLS = "signet.tsa.urls";
    public static final String TSA_TIMEOUT = "signet.tsa.timeout-seconds";
    public static final String HOT_FOLDER_WORKERS = "signet.hotfolder.workers";
    public static final String ARCHIVE_SEAL_TIME = "signet.archive.seal-time";
    public static final String ARCHIVE_RENEWAL_DAYS = "signet.archive.renew-days-before";
    public static final String ARCHIVE_STORE = "signet.archive.store";
    public static final String ARCHIVE_HASH = "signet.archive.renewal-hash-algorithm";
    public static final String WEAK_ARCHIVE_HASHES = "signet.archive.weak-hash-algorithms";
    /** The hashes an archive chain may use: collision resistant, 256 bits or more. */
    public static final List<DigestAlgorithm> ARCHIVE_HASHES = List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA384,
            DigestAlgorithm.SHA512, DigestAlgorithm.SHA3_256, DigestAlgorithm.SHA3_384, DigestAlgorithm.SHA3_512);
    public static final String HOT_FOLDER_BASES = "signet.hotfolder.base-dirs";
    public static final String PKCS11_LIBRARIES = "signet.pkcs11.libraries";
    public static final String REMOTE_SERVICES = "signet.csc.services";
    public static final String PERSON_CLIENTS = "signet.csc.person-clients";
    public static final String WORKFLOW_CALLBACKS = "signet.workflow.callbacks";
    /** Read by the key adapter, which signs with software keys natively unless it is false; checked here at start-up. */
    public static final String NATIVE_CRYPTO = "signet.native-crypto";
    /**
     * Read by the key adapter: the certificates (a PEM or DER file) against which remote signature services' TLS is
     * checked instead of the JVM's trusted ones; checked here at start-up.
     */
    public static final String CSC_TRUST_STORE = "signet.csc.trust-store";

    private static final List<String> SERVER_DIRECTORY_PROPERTIES = List.of("jboss.home.dir", "jboss.server.base.dir",
            "jboss.server.config.dir", "jboss.server.data.dir", "jboss.server.log.dir", "jboss.server.temp.dir",
            "jboss.server.deploy.dir", "jboss.controller.temp.dir");

    /** Reads and validates every setting; throws {@link InvalidConfigurationException} naming the property. */
    public static SignetConfiguration from(UnaryOperator<String> properties) {
        String dataDir = properties.apply(DATA_DIRECTORY);
        if (dataDir == null || dataDir.isBlank()) {
            String serverData = properties.apply("jboss.server.data.dir");
            if (serverData == null) {
                throw new InvalidConfigurationException(DATA_DIRECTORY, null, "is not set and there is no jboss.server.data.dir");
            }
            dataDir = Path.of(serverData, "signet").toString();
        }
        Path data = Path.of(dataDir).toAbsolutePath();
        Path store = absolutePath(ARCHIVE_STORE, properties.apply(ARCHIVE_STORE), data.resolve("archive").resolve("documents"));
        List<Path> serverDirectories = new ArrayList<>(List.of(data, store));
        for (String property : SERVER_DIRECTORY_PROPERTIES) {
            String value = properties.apply(property);
            if (value != null && !value.isBlank()) {
                serverDirectories.add(Path.of(value).toAbsolutePath().normalize());
            }
        }
        long maxDocument = size(MAX_DOCUMENT_SIZE, properties.apply(MAX_DOCUMENT_SIZE), 100L << 20);
        // two documents in base64 (a detached signature beside its document, inline SOAP) with room for the envelope
        long maxRequest = size(MAX_REQUEST_SIZE, properties.apply(MAX_REQUEST_SIZE),
                Math.min(Long.MAX_VALUE / 4, maxDocument) * 3 + (1L << 20));
        if (maxRequest < maxDocument) {
            throw new InvalidConfigurationException(MAX_REQUEST_SIZE, properties.apply(MAX_REQUEST_SIZE),
                    "is smaller than " + MAX_DOCUMENT_SIZE + " (" + maxDocument + " bytes): no document could arrive");
        }
        // as many as half the heap holds, each read whole (at least one)
        long fit = Runtime.getRuntime().maxMemory() / 2 / maxRequest;
        int large = (int) between(LARGE_REQUESTS, properties.apply(LARGE_REQUESTS), Math.max(1, Math.min(64, fit)), 1, 1024);
        bool(NATIVE_CRYPTO, properties.apply(NATIVE_CRYPTO), true);
        certificates(CSC_TRUST_STORE, properties.apply(CSC_TRUST_STORE));
        long maxStreamed = size(MAX_STREAMED_SIZE, properties.apply(MAX_STREAMED_SIZE), Math.max(maxRequest, 64L << 30));
        if (maxStreamed < maxRequest) {
            throw new InvalidConfigurationException(MAX_STREAMED_SIZE, properties.apply(MAX_STREAMED_SIZE),
                    "is smaller than " + MAX_REQUEST_SIZE + " (" + maxRequest + " bytes): a streamed document may be larger, not smaller");
        }
        DigestAlgorithm archiveHash = archiveHash(ARCHIVE_HASH, properties.apply(ARCHIVE_HASH), DigestAlgorithm.SHA512);
        Set<DigestAlgorithm> weakArchiveHashes = new LinkedHashSet<>();
        String weak = properties.apply(WEAK_ARCHIVE_HASHES);
        for (String name : weak == null ? new String[0] : weak.split(",")) {
            if (!name.isBlank()) {
                weakArchiveHashes.add(archiveHash(WEAK_ARCHIVE_HASHES, name, null));
            }
        }
        if (weakArchiveHashes.contains(archiveHash)) {
            throw new InvalidConfigurationException(ARCHIVE_HASH, archiveHash.getJavaName(), "is listed in " + WEAK_ARCHIVE_HASHES
                    + ": the archive's evidence cannot be renewed into a hash it counts as weak");
        }
        List<URI> remoteServices = services(properties.apply(REMOTE_SERVICES));
        return new SignetConfiguration(data, maxDocument, maxRequest, large, maxStreamed,
                bool(CREATE_DEMO, properties.apply(CREATE_DEMO), false),
                publicUrl(properties),
                oid(TSA_POLICY, properties.apply(TSA_POLICY), DEFAULT_TSA_POLICY),
                urls(TSA_URLS, properties.apply(TSA_URLS)),
                Duration.ofSeconds(size(TSA_TIMEOUT, properties.apply(TSA_TIMEOUT), 10)),
                (int) between(HOT_FOLDER_WORKERS, properties.apply(HOT_FOLDER_WORKERS), 2, 1, 16),
                timeOfDay(ARCHIVE_SEAL_TIME, properties.apply(ARCHIVE_SEAL_TIME), LocalTime.of(1, 0)),
                Duration.ofDays(between(ARCHIVE_RENEWAL_DAYS, properties.apply(ARCHIVE_RENEWAL_DAYS), 180, 1, 3650)),
                store, archiveHash, Set.copyOf(weakArchiveHashes), absolutePaths(HOT_FOLDER_BASES, properties.apply(HOT_FOLDER_BASES)),
                libraries(properties.apply(PKCS11_LIBRARIES)), remoteServices, List.copyOf(serverDirectories),
                bool(PUBLIC_VERIFICATION, properties.apply(PUBLIC_VERIFICATION), false),
                issuer(properties.apply(OAUTH2_ISSUER)), callbacks(properties.apply(WORKFLOW_CALLBACKS)),
                networks(LINK_ONLY_CLIENTS, properties.apply(LINK_ONLY_CLIENTS)),
                region(properties.apply(SERVICE_REGION), Locale.getDefault().getCountry()),
                personClients(properties.apply(PERSON_CLIENTS), remoteServices));
    }

    /**
     * Comma-separated {@code client-id@base-URI}: the service's base URI as in {@link #REMOTE_SERVICES}, where it must be
     * listed, and the client ID Signet has at that service's OAuth 2.0 issuer (a public client with PKCE).
     */
    static Map<URI, String> personClients(String value, List<URI> services) {
        Map<URI, String> clients = new LinkedHashMap<>();
        for (String entry : value == null ? new String[0] : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int at = entry.indexOf('@');
            String client = at < 0 ? "" : entry.substring(0, at).strip();
            if (!client.matches("[A-Za-z0-9._:~-]{1,128}")) {
                throw new InvalidConfigurationException(PERSON_CLIENTS, value, "holds '" + entry.strip() + "', which is not client-id@base-URI");
            }
            List<URI> named = services(entry.substring(at + 1).strip());
            if (named.size() != 1) {
                throw new InvalidConfigurationException(PERSON_CLIENTS, value, "holds '" + entry.strip() + "', which is not client-id@base-URI");
            }
            URI service = named.get(0);
            if (!services.contains(service)) {
                throw new InvalidConfigurationException(PERSON_CLIENTS, value, "names " + service + ", which is not listed in " + REMOTE_SERVICES);
            }
            if (clients.put(service, client) != null) {
                throw new InvalidConfigurationException(PERSON_CLIENTS, value, "names " + service + " twice");
            }
        }
        return Collections.unmodifiableMap(clients);
    }

    /** Comma-separated addresses and networks (CIDR) written as literals; none: an empty list. */
    static ClientNetworks networks(String property, String value) {
        List<String> entries = value == null || value.isBlank() ? List.of()
                : java.util.Arrays.stream(value.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
        try {
            return ClientNetworks.parse(entries);
        } catch (SignetException e) {
            throw new InvalidConfigurationException(property, value, e.getMessage());
        }
    }

    /** An ISO 3166-1 alpha-2 country code (DE, AT); unset: the fallback when it is one, else none. */
    static String region(String value, String fallback) {
        Set<String> countries = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
        if (value == null || value.isBlank()) {
            return fallback != null && countries.contains(fallback) ? fallback : null;
        }
        if (!countries.contains(value.strip())) {
            throw new InvalidConfigurationException(SERVICE_REGION, value, "is not an ISO 3166-1 alpha-2 country code like DE or AT");
        }
        return value.strip();
    }

    /** Comma-separated http(s) URLs, each allowed exactly as given; no credentials or fragment in them. */
    static List<URI> callbacks(String value) {
        for (URI uri : urls(WORKFLOW_CALLBACKS, value)) {
            if (uri.getUserInfo() != null || uri.getFragment() != null) {
                throw new InvalidConfigurationException(WORKFLOW_CALLBACKS, null, "holds a URL with credentials or a fragment");
            }
        }
        return urls(WORKFLOW_CALLBACKS, value);
    }

    /** An OpenID provider's issuer: an http(s) URL, or none. */
    static URI issuer(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new InvalidConfigurationException(OAUTH2_ISSUER, value, "is not an http(s) URL like https://idp.example.org/realms/example");
    }

    /**
     * One of {@link #ARCHIVE_HASHES}, by its Java name ({@code SHA-512}, {@code SHA3-512}) or its DSS name
     * ({@code SHA512}); {@code fallback} when unset.
     */
    public static DigestAlgorithm archiveHash(String property, String value, DigestAlgorithm fallback) {
        if ((value == null || value.isBlank()) && fallback != null) {
            return fallback;
        }
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (DigestAlgorithm algorithm : ARCHIVE_HASHES) {
            if (algorithm.getJavaName().equals(name) || algorithm.name().equals(name)) {
                return algorithm;
            }
        }
        throw new InvalidConfigurationException(property, value, "is not a hash for the archive; use one of "
                + ARCHIVE_HASHES.stream().map(DigestAlgorithm::getJavaName).toList());
    }

    /** A file of certificates (PEM or DER), when set: absolute, readable, holding at least one. */
    static void certificates(String property, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Path file = absolutePath(property, value, null);
        try (InputStream in = Files.newInputStream(file)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new InvalidConfigurationException(property, value, "holds no certificate");
            }
        } catch (IOException | CertificateException e) {
            throw new InvalidConfigurationException(property, value, "cannot be read as certificates (PEM or DER): " + e.getMessage());
        }
    }

    /** Comma-separated absolute paths; none when unset. */
    static List<Path> absolutePaths(String property, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Path> paths = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                paths.add(absolutePath(property, part, null));
            }
        }
        return List.copyOf(paths);
    }

    /**
     * The allowed PKCS#11 libraries: absolute paths of files without the characters that would let a name escape
     * its line in a SunPKCS11 configuration.
     */
    static List<Path> libraries(String value) {
        List<Path> libraries = absolutePaths(PKCS11_LIBRARIES, value);
        for (Path library : libraries) {
            if (!isPlainLibraryPath(library.toString())) {
                throw new InvalidConfigurationException(PKCS11_LIBRARIES, value, "holds '" + library
                        + "': a library path may not hold quotes, backslashes, dollar signs or control characters");
            }
        }
        return libraries;
    }

    /** True when the path can stand quoted on one line of a SunPKCS11 configuration as it is. */
    public static boolean isPlainLibraryPath(String path) {
        return path.chars().noneMatch(c -> c == '"' || c == '\\' || c == '$' || Character.isISOControl(c));
    }

    static Path absolutePath(String property, String value, Path fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Path path = Path.of(value.strip());
            if (!path.isAbsolute()) {
                throw new InvalidConfigurationException(property, value, "is not an absolute path");
            }
            return path.normalize();
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException(property, value, "is not a path");
        }
    }

    static LocalTime timeOfDay(String property, String value, LocalTime fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidConfigurationException(property, value, "is not a time of day such as 01:00");
        }
    }

    static long between(String property, String value, long fallback, long min, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidConfigurationException(property, value, "must be a whole number from " + min + " to " + max);
    }

    /** Comma-separated http(s) URLs; user:password@ in a URL is sent as HTTP Basic. */
    static List<URI> urls(String property, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<URI> urls = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                URI uri = URI.create(part.strip());
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                urls.add(uri);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(property, null, "holds '" + part.strip().replaceAll("//[^@/]*@", "//***@")
                        + "', which is not an http(s) URL");
            }
        }
        return List.copyOf(urls);
    }

    /** Comma-separated http(s) base URIs, each ending in "/" as given or made so; no credentials in them. */
    static List<URI> services(String value) {
        List<URI> services = new ArrayList<>();
        for (URI uri : urls(REMOTE_SERVICES, value)) {
            if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new InvalidConfigurationException(REMOTE_SERVICES, null, "holds a URL with credentials, a query or a fragment; "
                        + "a service is named by its base URI alone (its account and password are given when a token is registered)");
            }
            services.add(uri.getPath().endsWith("/") ? uri.normalize() : URI.create(uri + "/").normalize());
        }
        return List.copyOf(services);
    }

    /** Whether a token may use this remote signature service: its base URI is one of the configured ones, exactly. */
    public boolean allowsRemoteService(URI service) {
        URI given = service.getPath().endsWith("/") ? service.normalize() : URI.create(service + "/").normalize();
        return remoteServices.contains(given);
    }

    static String oid(String property, String value, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!value.strip().matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
            throw new InvalidConfigurationException(property, value, "is not an object identifier like 1.2.3.4");
        }
        return value.strip();
    }

    /** Default: this machine's HTTP port, as WildFly's port offset moves it. */
    static String publicUrl(UnaryOperator<String> properties) {
        String value = properties.apply(PUBLIC_URL);
        if (value == null || value.isBlank()) {
            String offset = properties.apply("jboss.socket.binding.port-offset");
            try {
                return "http://localhost:" + (8080 + (offset == null ? 0 : Integer.parseInt(offset.strip())));
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException(PUBLIC_URL, null, "is not set, and the port offset '" + offset
                        + "' is not a number to derive it from");
            }
        }
        String url = value.strip().replaceAll("/+$", "");
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(PUBLIC_URL, value, "is not an http(s) URL like https://signet.example.org");
        }
        return url;
    }

    static long size(String property, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        long unit = switch (v.charAt(v.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1L;
        };
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        try {
            long bytes = Math.multiplyExact(Long.parseLong(digits.trim()), unit);
            if (bytes < 1) {
                throw new InvalidConfigurationException(property, value, "must be at least 1 byte");
            }
            return bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidConfigurationException(property, value, "is not a size; write bytes or a number with K, M or G, e.g. 100M");
        }
    }

    public static boolean bool(String property, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new InvalidConfigurationException(property, value, "must be true or false");
        };
    }

    public static final class InvalidConfigurationException extends IllegalStateException {
        public InvalidConfigurationException(String property, String value, String problem) {
            super("Signet configuration: " + property + (value == null ? "" : "='" + value + "'") + " " + problem);
        }
    }
}
