package org.signet.timestamp;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.signet.config.SignetConfiguration;
import org.signet.keys.SigningKeys;
import org.signet.model.SignetException;
import org.signet.monitoring.SignetMeters;
import org.signet.security.Callers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Signet's built-in RFC 3161 time-stamping authority. Requests it cannot grant (bad encoding, weak or unknown
 * hash, foreign policy) are answered with a rejection and the PKIFailureInfo that names the reason. Every
 * granted token is logged; the log row's id is the token's serial number.
 */
@Stateless
@PermitAll
public class TimeStampService {

    /** SHA-1 is no longer accepted for new time-stamps; SHA-3 is, for archive chains renewed into it. */
    private static final Set<ASN1ObjectIdentifier> HASHES = Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA384, TSPAlgorithms.SHA512,
            TSPAlgorithms.SHA3_256, TSPAlgorithms.SHA3_384, TSPAlgorithms.SHA3_512);
    /** The signature algorithms of the authority's RSA key, weakest first: it signs with the first not configured as weak. */
    private static final List<String> SIGNATURE_ALGORITHMS = List.of("SHA256withRSA", "SHA384withRSA", "SHA512withRSA");
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Token generators ready to sign (the certificate's hash, the chain's store), each lent to one request at a time:
     * BouncyCastle's keep state while they sign, and preparing one cost a tenth of a token's time. A response generator
     * gathers a refusal's failure bits, so each request has its own.
     */
    private static final Queue<PreparedGenerator> PREPARED = new ConcurrentLinkedQueue<>();

    @Resource
    private SessionContext session;
    @Inject
    private TimeStampingUnit unit;
    @Inject
    private SigningKeys keys;
    @Inject
    private SignetMeters meters;
    @Inject
    private SignetConfiguration configuration;
    @EJB
    private TimeStampLog log;

    /** The HTTP face's call: a DER TimeStampReq in, a DER TimeStampResp out. */
    public byte[] respond(byte[] encodedRequest) {
        String caller = Callers.name(session);
        try {
            TimeStampRequest request;
            try {
                request = new TimeStampRequest(encodedRequest);
            } catch (IOException | IllegalArgumentException | ClassCastException e) {
                return new TimeStampResponseGenerator(null, HASHES).generateFailResponse(PKIStatus.REJECTION,
                        PKIFailureInfo.badDataFormat, "the request is not a DER-encoded RFC 3161 TimeStampReq").getEncoded();
            }
            return issue(request, caller).getEncoded();
        } catch (IOException | TSPException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the time-stamping authority failed: " + e.getMessage(), e);
        }
    }

    /** A time-stamp token over a digest, for Signet's own signatures (level T and above). */
    public byte[] stamp(ASN1ObjectIdentifier hashAlgorithm, byte[] digest) {
        return token(hashAlgorithm, digest, new BigInteger(64, RANDOM), "signet", SignetException.Kind.SIGNING_FAILED);
    }

    /**
     * A time-stamp token over a caller's digest (the hash algorithm's OID), with the caller's nonce (hexadecimal) if
     * any, for the CSC face's signatures/timestamp;
     * a request the authority rejects (an unknown hash, a digest of the wrong length) is refused naming why.
     */
    public byte[] stampFor(String hashAlgorithmOid, byte[] digest, String nonceHex) {
        String caller = Callers.name(session);
        ASN1ObjectIdentifier algorithm;
        BigInteger nonce;
        try {
            algorithm = new ASN1ObjectIdentifier(hashAlgorithmOid);
            nonce = nonceHex == null ? null : new BigInteger(nonceHex, 16);
        } catch (IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the hash algorithm is an OID and the nonce a hexadecimal"
                    + " number: " + e.getMessage());
        }
        return token(algorithm, digest, nonce, caller, SignetException.Kind.INVALID_INPUT);
    }

    private byte[] token(ASN1ObjectIdentifier hashAlgorithm, byte[] digest, BigInteger nonce, String requester,
                         SignetException.Kind rejection) {
        TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
        requests.setCertReq(true);
        TimeStampRequest request;
        try {
            request = nonce == null ? requests.generate(hashAlgorithm, digest) : requests.generate(hashAlgorithm, digest, nonce);
        } catch (IllegalArgumentException e) {
            throw new SignetException(rejection, "Signet's time-stamping authority refused the request: " + e.getMessage());
        }
        try {
            TimeStampResponse response = issue(request, requester);
            if (response.getStatus() != PKIStatus.GRANTED) {
                throw new SignetException(rejection, "Signet's time-stamping authority refused: " + response.getStatusString());
            }
            response.validate(request);
            return response.getTimeStampToken().getEncoded();
        } catch (IOException | TSPException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the time-stamping authority failed: " + e.getMessage(), e);
        }
    }

    private TimeStampResponse issue(TimeStampRequest request, String requester) throws TSPException {
        PreparedGenerator prepared = borrow();
        try {
            Set<ASN1ObjectIdentifier> policies = Set.of(new ASN1ObjectIdentifier(prepared.policy()));
            TimeStampResponseGenerator generator = new TimeStampResponseGenerator(prepared.tokens(), HASHES, policies);
            try {
                // checked before a serial number is spent on it
                request.validate(HASHES, policies, null);
            } catch (TSPValidationException refused) {
                meters.timeStamp(false);
                return generator.generateRejectedResponse(refused);
            }
            Instant now = Instant.now();
            long serial = log.enter(now, requester, prepared.policy(), request.getMessageImprintAlgOID().getId(),
                    HexFormat.of().formatHex(request.getMessageImprintDigest()));
            meters.timeStamp(true);
            return generator.generateGrantedResponse(request, BigInteger.valueOf(serial), Date.from(now));
        } finally {
            PREPARED.offer(prepared);
        }
    }

    /** A prepared generator for the authority's chain, algorithm and policy as they are now; one prepared for others is dropped. */
    private PreparedGenerator borrow() throws TSPException {
        List<X509Certificate> chain = keys.certificateChain(TimeStampingUnit.KEY);
        String algorithm = signatureAlgorithm();
        String policy = unit.policy();
        for (PreparedGenerator prepared = PREPARED.poll(); prepared != null; prepared = PREPARED.poll()) {
            if (prepared.chain().equals(chain) && prepared.algorithm().equals(algorithm) && prepared.policy().equals(policy)) {
                return prepared;
            }
        }
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            SignerInfoGenerator signer = new JcaSignerInfoGeneratorBuilder(digests).build(new AdapterSigner(keys, algorithm), chain.get(0));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signer,
                    digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), new ASN1ObjectIdentifier(policy));
            tokens.setAccuracySeconds(1);
            tokens.addCertificates(new JcaCertStore(chain));
            return new PreparedGenerator(List.copyOf(chain), algorithm, policy, tokens);
        } catch (OperatorCreationException | CertificateEncodingException e) {
            throw new TSPException("cannot set up the time-stamp signer: " + e.getMessage(), e);
        }
    }

    private record PreparedGenerator(List<X509Certificate> chain, String algorithm, String policy, TimeStampTokenGenerator tokens) {
    }

    /**
     * SHA-256 with RSA, unless {@code signet.archive.weak-hash-algorithms} counts SHA-256 as weak: the archive's time
     * stamps must then be signed with a stronger hash, and so are all of this authority's.
     */
    private String signatureAlgorithm() {
        for (String algorithm : SIGNATURE_ALGORITHMS) {
            String hash = "SHA-" + algorithm.substring(3, 6);
            if (configuration.weakArchiveHashes().stream().noneMatch(weak -> weak.getJavaName().equals(hash))) {
                return algorithm;
            }
        }
        return SIGNATURE_ALGORITHMS.get(SIGNATURE_ALGORITHMS.size() - 1);
    }

    /** Signs through the key adapter: the TSA's private key stays in its token like every other key. */
    private static final class AdapterSigner implements ContentSigner {
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private final SigningKeys keys;
        private final String algorithm;

        AdapterSigner(SigningKeys keys, String algorithm) {
            this.keys = keys;
            this.algorithm = algorithm;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm);
        }

        @Override
        public OutputStream getOutputStream() {
            data.reset(); // each token's signed attributes, not the last one's too
            return data;
        }

        @Override
        public byte[] getSignature() {
            return keys.sign(TimeStampingUnit.KEY, algorithm, data.toByteArray());
        }
    }
}
