package org.signet.demo;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.signet.pki.Certificates;
import org.signet.pki.Pem;
import org.signet.pki.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The TLS certificate of a demo server, so that {@code ./signet run} serves HTTPS that clients can check against the
 * one demo CA they already trust for its signatures. The launcher keeps the key (in the server's key store) and leaves
 * its PKCS#10 request in {@code <data-dir>/tls/server.csr}; on start the demo CA certifies the host names and addresses
 * the request names, and writes the chain to {@code <data-dir>/tls/server-chain.pem} for the launcher to install. A
 * production server's TLS certificate comes from the organisation's own PKI (docs/install.md), never from here.
 */
public final class DemoServerCertificate {

    /** The longest TLS server certificate browsers accept. */
    static final Duration VALIDITY = Duration.ofDays(397);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    private DemoServerCertificate() { }

    public static Path request(Path dataDirectory) {
        return dataDirectory.resolve("tls").resolve("server.csr");
    }

    public static Path chain(Path dataDirectory) {
        return dataDirectory.resolve("tls").resolve("server-chain.pem");
    }

    /**
     * Certifies the launcher's request when there is one and its chain is missing, older than the request, from
     * another CA or near its end. Returns the certificate issued, or null when nothing was to be done.
     */
    static X509Certificate certifyRequested(Path dataDirectory, X509Certificate ca, PrivateKey caKey, String crlUrl, Instant now)
            throws GeneralSecurityException, IOException {
        Path request = request(dataDirectory);
        Path chain = chain(dataDirectory);
        if (!Files.isRegularFile(request) || current(chain, request, ca, now)) {
            return null;
        }
        JcaPKCS10CertificationRequest parsed = parse(request);
        GeneralNames names = serverNames(parsed);
        Instant notBefore = now.minus(Duration.ofMinutes(5));
        Duration validity = VALIDITY;
        Instant caEnd = ca.getNotAfter().toInstant();
        if (notBefore.plus(validity).isAfter(caEnd)) {
            validity = Duration.between(notBefore, caEnd);
        }
        X509Certificate issued = Certificates.issue(Certificates.Profile.TLS_SERVER, parsed.getPublicKey(),
                parsed.getSubject().toString(), names, ca, caKey, notBefore, validity, crlUrl);
        PrivateFiles.write(chain, (Pem.certificate(issued) + Pem.certificate(ca)).getBytes(StandardCharsets.US_ASCII));
        return issued;
    }

    private static boolean current(Path chain, Path request, X509Certificate ca, Instant now) throws IOException {
        if (!Files.isRegularFile(chain) || Files.getLastModifiedTime(chain).compareTo(Files.getLastModifiedTime(request)) < 0) {
            return false;
        }
        try (var in = Files.newInputStream(chain)) {
            X509Certificate issued = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            issued.verify(ca.getPublicKey());
            return issued.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE));
        } catch (GeneralSecurityException e) {
            return false; // unreadable, or issued by a CA this data directory no longer has
        }
    }

    private static JcaPKCS10CertificationRequest parse(Path request) throws IOException, GeneralSecurityException {
        if (Files.size(request) > MAX_REQUEST_BYTES) {
            throw new GeneralSecurityException(request + " is larger than a certification request can be");
        }
        byte[] der;
        try {
            der = Pem.certificationRequest(Files.readString(request, StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(request + ": " + e.getMessage(), e);
        }
        try {
            JcaPKCS10CertificationRequest parsed = new JcaPKCS10CertificationRequest(der);
            PublicKey key = parsed.getPublicKey();
            if (!parsed.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new GeneralSecurityException(request + " is not signed by the key it names");
            }
            return parsed;
        } catch (IOException | IllegalArgumentException | OperatorCreationException | PKCSException e) {
            throw new GeneralSecurityException(request + " is not a PKCS#10 certification request: " + e.getMessage(), e);
        }
    }

    /** The request's DNS names and IP addresses; anything else it asks for (e-mail, URIs, key usages) is not granted. */
    static GeneralNames serverNames(PKCS10CertificationRequest request) throws GeneralSecurityException {
        List<GeneralName> names = new ArrayList<>();
        for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                GeneralNames asked = GeneralNames.fromExtensions(Extensions.getInstance(value), Extension.subjectAlternativeName);
                if (asked != null) {
                    Arrays.stream(asked.getNames()).filter(n -> n.getTagNo() == GeneralName.dNSName
                            || n.getTagNo() == GeneralName.iPAddress).forEach(names::add);
                }
            }
        }
        if (names.isEmpty()) {
            throw new GeneralSecurityException("the server's certification request names no host name or address");
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }
}
