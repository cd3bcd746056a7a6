package org.signet.remote;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.signet.archive.ArchiveUse;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.keys.CardUse;
import org.signet.keys.SigningKeys;
import org.signet.model.HashAlgorithm;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignaturePackaging;
import org.signet.document.Documents;
import org.signet.model.SignetException;
import org.signet.seal.Seal;
import org.signet.seal.SealDirectory;
import org.signet.security.Callers;
import org.signet.security.SecondFactors;
import org.signet.signing.SignRequest;
import org.signet.signing.SigningService;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Signet's seals as remote signature credentials (CSC v2). A credential is a seal of one key that may make bare
 * signature values (format HASH). Signing takes two steps: an activation (SAD) for a number of signatures, which for a
 * seal that requires a second factor (SCAL2) is bound to the hashes and granted only with the caller's one-time code;
 * then the hashes signed with it, through {@link SigningService} like any other signature (authorisation, the seal's
 * conditions, key limits, audit, archive).
 */
@Stateless
@PermitAll
public class RemoteSignatures {

    /** The most hashes one activation or one call signs. */
    public static final int MOST_HASHES = 1000;

    @Resource
    private SessionContext session;
    @EJB
    private SealDirectory seals;
    @Inject
    private SigningKeys keys;
    @EJB
    private SecondFactors secondFactors;
    @EJB
    private SignatureActivations activations;
    @EJB
    private SigningService signing;
    @EJB
    private AuditLog audit;

    /** The credentials the caller may use, by id (the seal's name). */
    public List<String> credentialIds() {
        return seals.sealsFor(caller()).stream().filter(RemoteSignatures::offered).map(Seal::name).toList();
    }

    public RemoteCredential credential(String id) {
        Seal seal = offeredSeal(caller(), id);
        List<X509Certificate> chain = keys.certificateChain(seal.key());
        X509Certificate certificate = chain.get(0);
        int length = certificate.getPublicKey() instanceof RSAKey rsa ? rsa.getModulus().bitLength()
                : certificate.getPublicKey() instanceof ECKey ec ? ec.getParams().getOrder().bitLength() : 0;
        boolean enabled;
        try {
            keys.usable(seal.name(), seal.keys(), CardUse.ANY);
            enabled = true;
        } catch (SignetException e) {
            enabled = false;
        }
        return new RemoteCredential(seal.name(), seal.description(), chain, certificate.getPublicKey().getAlgorithm(), length, enabled,
                seal.requiresOneTimeCode() ? 2 : 1, MOST_HASHES);
    }

    /**
     * Activation data for {@code signatures} signatures with the credential. A SCAL2 credential needs the hashes (as
     * many as the signatures) and the caller's one-time code; the SAD then signs those hashes only. Granted or refused,
     * the audit trail says so.
     */
    public Activation authorize(String id, int signatures, List<byte[]> hashes, String oneTimeCode) {
        String caller = caller();
        try {
            if (signatures < 1 || signatures > MOST_HASHES) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "numSignatures must be 1 to " + MOST_HASHES + ", not " + signatures);
            }
            Seal seal = offeredSeal(caller, id);
            Set<String> bound = null;
            if (seal.requiresOneTimeCode()) {
                if (hashes == null || hashes.size() != signatures) {
                    throw new SignetException(SignetException.Kind.INVALID_INPUT, "credential '" + id + "' has sole control level 2: "
                            + "the authorisation names the " + signatures + " hash(es) it is for");
                }
                secondFactors.require(caller, oneTimeCode, seal.name());
                bound = hashes.stream().map(HexFormat.of()::formatHex).collect(Collectors.toUnmodifiableSet());
            }
            Instant expires = Instant.now().plus(SignatureActivations.LIFETIME);
            String sad = activations.grant(new SignatureActivation(caller, seal.name(), bound, signatures, expires));
            audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.SIGNATURE_AUTHORISED, AuditEvent.Outcome.SUCCESS, id, null,
                    signatures + " signature(s)" + (bound != null ? " of named hashes, confirmed with a one-time code" : "")
                    + ", until " + expires));
            return new Activation(sad, SignatureActivations.LIFETIME.toSeconds());
        } catch (SignetException e) {
            audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.SIGNATURE_AUTHORISED, AuditEvent.Outcome.REFUSED, id, null,
                    e.getMessage()));
            throw e;
        }
    }

    /** Activation data and how many seconds it may be used. */
    public record Activation(String sad, long expiresInSeconds) { }

    /**
     * Bare signature values over the hashes, in their order, with a SAD granted for them. Each is checked against the
     * credential's certificate before it is returned; if one cannot be made, none is returned.
     */
    public List<byte[]> signHashes(String id, String sad, List<byte[]> hashes, String signAlgo, String hashAlgorithmOid) {
        String caller = caller();
        if (hashes == null || hashes.isEmpty() || hashes.size() > MOST_HASHES) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "1 to " + MOST_HASHES + " hashes are signed at a time");
        }
        Seal seal = offeredSeal(caller, id);
        String keyAlgorithm = keys.certificateChain(seal.key()).get(0).getPublicKey().getAlgorithm();
        HashAlgorithm hash = SignatureAlgorithms.hashOf(signAlgo, hashAlgorithmOid, keyAlgorithm);
        hashes.forEach(digest -> hash.requireLength(digest, "hash")); // before the SAD is used
        activations.use(sad, caller, seal.name(), hashes.stream().map(HexFormat.of()::formatHex).toList());
        List<SignRequest> requests = hashes.stream().map(digest -> new SignRequest(seal.name(), SignatureFormat.HASH, SignatureLevel.B,
                null, hash, null, "hash", null, null, null, digest)).toList();
        return signAll(caller, seal, requests);
    }

    /**
     * CSC signDoc: each document signed whole with the credential in its format and level (the seal must allow them, as
     * for any request), or a detached CAdES signature made over a digest; answered in their order. The SAD is used for
     * the documents' SHA-256 hashes (the digests as given), so a SCAL2 activation names those. If one cannot be
     * signed, none is answered.
     */
    public List<byte[]> signDocuments(String id, String sad, List<RemoteDocument> documents) {
        String caller = caller();
        if (documents == null || documents.isEmpty() || documents.size() > MOST_HASHES) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "1 to " + MOST_HASHES + " documents are signed at a time");
        }
        Seal seal = offeredSeal(caller, id);
        String keyAlgorithm = keys.certificateChain(seal.key()).get(0).getPublicKey().getAlgorithm();
        List<SignRequest> requests = new ArrayList<>(documents.size());
        List<String> bound = new ArrayList<>(documents.size());
        int n = 0;
        for (RemoteDocument item : documents) {
            n++;
            HashAlgorithm hash = item.signAlgo() == null ? HashAlgorithm.SHA256
                    : SignatureAlgorithms.hashOf(item.signAlgo(), item.hashAlgorithmOid(), keyAlgorithm);
            if ((item.document() == null) == (item.digest() == null)) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "item " + n + " is a document or a digest, one of them");
            }
            if (item.digest() != null) {
                if (item.format() != SignatureFormat.CADES || item.packaging() != null && item.packaging() != SignaturePackaging.DETACHED) {
                    throw new SignetException(SignetException.Kind.INVALID_INPUT, "a digest is signed as a detached CAdES signature "
                            + "(signature_format C, Detached) only: the other formats need the document");
                }
                hash.requireLength(item.digest(), "hash");
            }
            bound.add(item.digest() != null ? HexFormat.of().formatHex(item.digest()) : Documents.sha256Hex(item.document()));
            requests.add(new SignRequest(seal.name(), item.format(), item.level(), item.digest() != null ? SignaturePackaging.DETACHED
                    : item.packaging(), hash, item.document(), "document-" + n, null, CardUse.ANY, null, item.digest()));
        }
        activations.use(sad, caller, seal.name(), bound);
        return signAll(caller, seal, requests);
    }

    /**
     * The requests signed together, their results in order; the first refusal refuses all. The SAD stands for the
     * one-time code a SCAL2 seal asks of each signature: it was given when the SAD was granted.
     */
    private List<byte[]> signAll(String caller, Seal seal, List<SignRequest> requests) {
        List<byte[]> signed = new ArrayList<>(requests.size());
        signing.signAllAs(caller, requests, requests.size(), ArchiveUse.DOCUMENT,
                seal.requiresOneTimeCode() ? caller : null, outcomes -> outcomes.forEach(outcome -> {
                    if (outcome.refusal() != null) {
                        throw outcome.refusal();
                    }
                    signed.add(outcome.signed().content());
                }));
        return signed;
    }

    /** A seal offered as a credential to the caller: authorised, of one key, allowed to make bare signature values. */
    private Seal offeredSeal(String caller, String id) {
        Seal seal = seals.authorisedSeal(caller, id);
        if (!offered(seal)) {
            throw new SignetException(SignetException.Kind.NOT_ALLOWED_FOR_SEAL, "seal '" + id + "' is not a remote signature "
                    + "credential: it " + (seal.keys().size() > 1 ? "is a pool of " + seal.keys().size() + " keys, whose certificates differ"
                    : "does not make bare signature values (format HASH)"));
        }
        return seal;
    }

    private static boolean offered(Seal seal) {
        return seal.allows(SignatureFormat.HASH, SignatureLevel.B) && seal.keys().size() == 1;
    }

    private String caller() {
        String caller = Callers.name(session);
        if (caller == null) {
            throw new SignetException(SignetException.Kind.NOT_AUTHENTICATED, "authentication is required");
        }
        return caller;
    }
}
