package org.signet.timestamp;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;

/**
 * Time-stamps from external trust centres (RFC 3161 over HTTP), tried in the configured order: the first one
 * that grants a token matching the request (imprint and nonce) wins; one that is down, slow, refuses or answers
 * nonsense is skipped. Credentials in a URL (user:password@) are sent as HTTP Basic and never logged.
 */
public final class ExternalTspSource implements TSPSource {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ExternalTspSource.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<URI> authorities;
    private final Duration timeout;
    private transient HttpClient http;

    public ExternalTspSource(List<URI> authorities, Duration timeout) {
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("no time-stamping authority configured");
        }
        this.authorities = List.copyOf(authorities);
        this.timeout = timeout;
    }

    @Override
    public TimestampBinary getTimeStampResponse(DigestAlgorithm digestAlgorithm, byte[] digest) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(new ASN1ObjectIdentifier(digestAlgorithm.getOid()), digest,
                new BigInteger(64, RANDOM));
        List<String> failures = new ArrayList<>();
        for (URI authority : authorities) {
            String shown = withoutCredentials(authority.toString());
            try {
                return new TimestampBinary(stamp(authority, request));
            } catch (Exception e) {
                failures.add(shown + ": " + e.getMessage());
                LOG.warning("Time-stamping authority " + shown + " failed, trying the next: " + e.getMessage());
            }
        }
        throw new DSSException("no time-stamping authority granted a time-stamp (" + String.join("; ", failures) + ")");
    }

    private byte[] stamp(URI authority, TimeStampRequest request) throws Exception {
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(withoutCredentials(authority.toString())))
                .timeout(timeout).header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()));
        if (authority.getUserInfo() != null) {
            call.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    authority.getUserInfo().getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<byte[]> answer = client().send(call.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + answer.statusCode());
        }
        TimeStampResponse response = new TimeStampResponse(answer.body());
        if (response.getTimeStampToken() == null) {
            throw new IllegalStateException("refused: " + response.getStatusString());
        }
        response.validate(request); // imprint, nonce, and the token's own signature-certificate binding
        return response.getTimeStampToken().getEncoded();
    }

    private HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).build();
        }
        return http;
    }

    private static String withoutCredentials(String uri) {
        return uri.replaceFirst("//[^@/]*@", "//");
    }
}
