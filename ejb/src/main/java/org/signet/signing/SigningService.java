package org.signet.signing;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.signature.AdvancedSignature;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.signet.archive.ArchiveEntry;
import org.signet.archive.ArchiveJournal;
import org.signet.archive.ArchiveUse;
import org.signet.archive.DocumentStore;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.connector.KeyReference;
import org.signet.document.Documents;
import org.signet.document.MailMessage;
import org.signet.keys.KeyUsageBlocks;
import org.signet.keys.KeyUsageLedger;
import org.signet.keys.SigningKeys;
import org.signet.model.SignatureFormat;
import org.signet.model.SignaturePackaging;
import org.signet.model.SignetException;
import org.signet.monitoring.SignetMeters;
import org.signet.pki.CertificateAuthority;
import org.signet.pki.TrustAnchors;
import org.signet.seal.Seal;
import org.signet.seal.SealDirectory;
import org.signet.security.Callers;
import org.signet.security.SecondFactors;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one signing pipeline. Every face (SOAP, REST, batch, CLI through SOAP) ends here:
 * authenticate, authorise the caller for the seal, prepare the document, sign with the seal's key, check the
 * signature value against the seal's certificate (each one; for a key whose provider checks its own results, the
 * first of each run), read the finished signature back and check it is intact, audit, answer.
 * <p>
 * {@code @PermitAll} because WildFly denies un-annotated methods once a security domain is set; the caller is
 * checked by {@link Callers#name} and the seal's authorisations, which the container knows nothing about.
 * <p>
 * No transaction of its own: what it writes (key usage, audit, archive) commits in short transactions of those
 * services, and one around the whole signing would hold a pooled connection through the signature and the PDF work
 * while those services take more: 32 concurrent requests then queue for the pool instead of signing.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SigningService {

    @Resource
    private SessionContext session;
    @EJB
    private SealDirectory seals;
    @EJB
    private AuditLog audit;
    @EJB
    private ArchiveJournal archive;
    @Inject
    private SigningKeys keys;
    @EJB
    private KeyUsageLedger usage;
    @EJB
    private KeyUsageBlocks usageBlocks;
    @Inject
    private DssEngine dss;
    @Inject
    private SignetConfiguration configuration;
    @Inject
    private CertificateAuthority authority;
    @Inject
    private TrustAnchors trust;
    @Inject
    private SignetMeters meters;
    @EJB
    private SecondFactors secondFactors;

    public SignedDocument sign(SignRequest request) {
        return signAs(Callers.name(session), request);
    }

    /**
     * Seals a mail message with S/MIME: a detached CAdES signature over its MIME entity (signed, audited and archived as
     * any CAdES signature of the caller's), returned as the multipart/signed message.
     */
    public SignedDocument signMail(SignRequest message) {
        MailMessage mail = MailMessage.parse(message.document());
        String name = message.documentName().replaceFirst("\\.eml$", "");
        SignedDocument signature = sign(new SignRequest(message.sealName(), SignatureFormat.CADES, message.level(),
                SignaturePackaging.DETACHED, message.hash(), mail.entity(), name + ".eml", PdfSignatureFields.NONE, message.cards(),
                message.oneTimeCode(), null));
        return new SignedDocument(mail.sealed(signature.content(), message.hash()), "message/rfc822", name + "-signed.eml",
                signature.sealName(), signature.format(), signature.level(), signature.signingTime(), null, signature.signatureId());
    }

    /**
     * Signs for a principal Signet itself names: a hot folder's run-as user, set by an admin. Never for a name a
     * request carries; the faces call {@link #sign(SignRequest)}, which signs for the authenticated caller.
     */
    public SignedDocument signAs(String caller, SignRequest request) {
        SigningOutcome outcome = signAllAs(caller, List.of(request)).get(0);
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.signed();
    }

    /**
     * The visible stamp the request would put on its PDF, as a PNG, for a person placing it: the seal's own certificate
     * fields, text template and logo. Nothing is signed or audited; the caller must be one the seal authorises. The
     * certificate is read from the first of the seal's keys that gives it without a PIN (a card that asks for one each
     * time shows no preview).
     */
    public byte[] previewStamp(SignRequest request) {
        Seal seal = seals.authorisedSeal(Callers.name(session), request.sealName());
        if (request.format() != SignatureFormat.PADES) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "only a PDF signature has a visible stamp");
        }
        SignetException last = null;
        for (KeyReference key : keys.order(keys.usable(seal.name(), seal.keys(), request.cards()))) {
            List<X509Certificate> chain;
            try {
                chain = keys.certificateChain(key);
            } catch (SignetException e) {
                last = e;
                continue;
            }
            return ((PadesFormat) dss.format(SignatureFormat.PADES)).stampPreview(request,
                    chain.stream().map(CertificateToken::new).toList(), new Date());
        }
        throw last;
    }

    /** How one request of {@link #signAllAs} ended: signed, or refused with the reason. */
    public record SigningOutcome(SignedDocument signed, SignetException refusal) { }

    /**
     * Signs several documents for one principal, each exactly as {@link #signAs} would, one after the other, with
     * the bookkeeping shared: signatures are reserved against the key's limits in one block (what is left over is
     * given back), and the audit events of all of them are written in one transaction before any document is
     * returned. This is what lets a hot folder commit a few times per chunk instead of twice per document.
     */
    public List<SigningOutcome> signAllAs(String caller, List<SignRequest> requests) {
        List<SigningOutcome> outcomes = new ArrayList<>(requests.size());
        signAllAs(caller, requests, Math.max(1, requests.size()), ArchiveUse.DOCUMENT, null, outcomes::addAll);
        return outcomes;
    }

    /**
     * {@link #signAllAs(String, List)}, handing the outcomes over {@code slice} requests at a time, each slice once its
     * audit events are committed: the caller can write one slice's documents while the next is signed. The key's
     * usage is still reserved in one block, and the seal and chain looked up once.
     *
     * @param confirmedBy the person who confirmed this batch with a second factor, which stands for the one-time code a
     *                    seal that requires one asks of every request; {@code null} for requests
     */
    public void signAllAs(String caller, List<SignRequest> requests, int slice, ArchiveUse archive, String confirmedBy,
                          Consumer<List<SigningOutcome>> signed) {
        if (caller == null || caller.isBlank()) {
            throw new SignetException(SignetException.Kind.NOT_AUTHENTICATED, "authentication is required");
        }
        Run run = new Run(caller, requests.size(), archive, confirmedBy);
        List<SigningOutcome> outcomes = new ArrayList<>(Math.min(slice, requests.size()));
        try {
            int sliceEnd = 0;
            for (int i = 0; i < requests.size(); i++) {
                if (outcomes.isEmpty()) {
                    sliceEnd = Math.min(requests.size(), i + slice);
                }
                SignRequest request = requests.get(i);
                run.presign(requests.subList(i, sliceEnd));
                outcomes.add(signOne(run, request));
                run.left--;
                if (outcomes.size() == slice || run.left == 0) {
                    run.dropPresigned();
                    run.recordEvents();
                    signed.accept(List.copyOf(outcomes));
                    outcomes.clear();
                }
            }
        } finally {
            run.dropPresigned();
            run.releaseUnused();
            run.recordEvents();
        }
    }

    /** What the requests of one {@link #signAllAs} call share: the caller, reservations, audit events, look-ups, chains. */
    private final class Run {
        final String caller;
        final List<AuditEvent> events;
        /** Requests of the current slice whose signature value was made in one go with others ({@link #presign}). */
        final Map<SignRequest, Presigned> presigned = new IdentityHashMap<>();
        /** The requests {@link #presign} has looked at (or is waiting to, until their seal is authorised). */
        final Map<SignRequest, Boolean> considered = new IdentityHashMap<>();
        /** Whether each key's token signs in batches, asked once per run. */
        final Map<KeyReference, Boolean> batching = new HashMap<>();
        /** The outputs signed since the events were last recorded, entered into the archive with them. */
        final List<ArchiveEntry.New> archived;
        final Map<KeyReference, Integer> reserved = new HashMap<>();
        final Map<KeyReference, Instant> reservedUntil = new HashMap<>();
        final Map<String, Seal> seals = new HashMap<>();
        final Map<BigInteger, Boolean> revoked = new HashMap<>();
        final Map<KeyReference, List<X509Certificate>> chains = new HashMap<>();
        /** Keys (with an algorithm) whose provider checks each signature, once one of this run has verified. */
        final Set<KeyUse> selfChecking = new HashSet<>();
        /** Whether the outputs enter the archive (where their seal's do), and in which batch. */
        final ArchiveUse archiveUse;
        final String confirmedBy;
        int left;

        Run(String caller, int requests, ArchiveUse archive, String confirmedBy) {
            this.caller = caller;
            this.archiveUse = archive;
            this.confirmedBy = confirmedBy;
            this.events = new ArrayList<>(requests);
            this.archived = new ArrayList<>(requests);
            this.left = requests;
        }

        /**
         * The audit events so far and the archive entries of the outputs signed, in one transaction of their own,
         * before the documents they tell of are handed out.
         */
        void recordEvents() {
            if (!archived.isEmpty()) {
                archive.record(events, archived);
                archived.clear();
            } else if (!events.isEmpty()) {
                audit.recordAll(events);
            }
            events.clear();
        }

        /**
         * The seal, once per run: authorised for the caller, and for a seal that requires a second factor, the
         * request's one-time code checked (one code covers the documents of one call), or the batch confirmed with one.
         * A request also meets the seal's computers and hours; a batch is Signet's own work and does not.
         */
        Seal seal(String name, String oneTimeCode) {
            Seal seal = seals.get(name);
            if (seal == null) {
                seal = archiveUse.batch() == null ? SigningService.this.seals.authorisedForRequest(caller, name)
                        : SigningService.this.seals.authorisedSeal(caller, name);
                if (seal.requiresOneTimeCode() && confirmedBy == null) {
                    secondFactors.require(caller, oneTimeCode, seal.name());
                }
                seals.put(name, seal);
            }
            return seal;
        }

        /**
         * The requests of a slice whose seal (authorised already in this run) has one key on a token that signs in
         * batches (a remote signature service): each is checked and prepared as {@link #signWith} would, its signature
         * reserved, and then the key signs all of them in one go, so that a slice of 25 documents costs one round trip
         * rather than 25. Whatever is not presigned here (a refusal, a failure of the batch) goes the usual way, which
         * refuses it with its reason.
         */
        void presign(List<SignRequest> slice) {
            Map<KeyUse, List<Presigned>> groups = new LinkedHashMap<>();
            Instant now = Instant.now();
            for (SignRequest request : slice) {
                if (considered.put(request, Boolean.TRUE) != null) {
                    continue;
                }
                try {
                    // Only a seal this run has authorised already: a refusal from the seal directory would mark the
                    // caller's transaction for rollback, so the first request of a seal goes the usual way.
                    Seal seal = seals.get(request.sealName());
                    if (seal == null || request.cards().pin() != null) { // an individual card signs one request at a time
                        considered.remove(request);
                        continue;
                    }
                    if (seal.keys().size() != 1 || !seal.allows(request.format(), request.level())
                            || !batching.computeIfAbsent(seal.keys().get(0), keys::signsInBatches)) {
                        continue;
                    }
                    KeyReference key = keys.usable(seal.name(), seal.keys(), request.cards()).get(0);
                    PendingSignature pending = prepare(this, seal, chain(key, null), request, now);
                    reserve(key, now);
                    groups.computeIfAbsent(new KeyUse(key, pending.algorithm().getJCEId()), use -> new ArrayList<>())
                            .add(new Presigned(request, key, pending, null));
                } catch (RuntimeException e) {
                    // signOne meets the same problem and answers it
                }
            }
            groups.forEach((use, prepared) -> {
                try {
                    List<byte[]> values = keys.signAll(use.key(), use.algorithm(), prepared.stream().map(p -> p.pending().dataToSign()).toList());
                    for (int i = 0; i < prepared.size(); i++) {
                        Presigned p = prepared.get(i);
                        presigned.put(p.request(), new Presigned(p.request(), p.key(), p.pending(), values.get(i)));
                    }
                } catch (RuntimeException e) {
                    prepared.forEach(p -> giveBack(p.key())); // each is signed, or refused, on its own
                }
            });
        }

        /** What a slice left presigned and unused (its request was refused before signing): the reservations go back. */
        void dropPresigned() {
            presigned.values().forEach(p -> giveBack(p.key()));
            presigned.clear();
        }

        /** The key's chain, fetched once per run: a chain does not change between the documents of a chunk. */
        List<X509Certificate> chain(KeyReference key, char[] pin) {
            List<X509Certificate> chain = chains.get(key);
            if (chain == null) {
                try {
                    chain = keys.certificateChain(key, pin);
                } catch (SignetException e) {
                    if (e.kind() == SignetException.Kind.KEY_UNAVAILABLE) {
                        keys.failed(key);
                    }
                    throw e;
                }
                chains.put(key, chain);
            }
            return chain;
        }

        boolean isRevoked(X509Certificate certificate) {
            return revoked.computeIfAbsent(certificate.getSerialNumber(), serial -> authority.isRevoked(certificate));
        }

        /** One signature of the key's limits: from this run's block, or a new block for the requests still to come. */
        void reserve(KeyReference key, Instant now) {
            int held = reserved.getOrDefault(key, 0);
            Instant until = reservedUntil.get(key);
            if (held > 0 && until != null && !now.isBefore(until)) {
                usage.release(key, held); // the key's period ended while this run went on
                held = 0;
            }
            if (held == 0) {
                KeyUsageLedger.Grant grant = usageBlocks.reserve(key, now, left);
                held = grant.signatures();
                if (grant.until() == null) {
                    reservedUntil.remove(key);
                } else {
                    reservedUntil.put(key, grant.until());
                }
            }
            reserved.put(key, held - 1);
        }

        /**
         * Whether this signature value must be verified against the certificate: always for the first of a key in a
         * run (it proves that the chain belongs to the key), and for every one of a key whose provider does not check
         * its own results (PKCS#11 tokens, EC keys).
         */
        boolean mustVerify(KeyReference key, String algorithm) {
            return !selfChecking.contains(new KeyUse(key, algorithm));
        }

        void verified(KeyReference key, String algorithm) {
            if (keys.checksEachSignature(key, algorithm)) {
                selfChecking.add(new KeyUse(key, algorithm));
            }
        }

        void giveBack(KeyReference key) {
            reserved.merge(key, 1, Integer::sum);
        }

        void releaseUnused() {
            reserved.forEach((key, held) -> {
                if (held > 0) {
                    usage.release(key, held);
                }
            });
            reserved.clear();
        }
    }

    private SigningOutcome signOne(Run run, SignRequest request) {
        Instant now = Instant.now();
        try {
            if (request.documentDigest() == null && request.spooledDocument() == null) {
                Documents.requireWithinLimit(request.document(), configuration.maxDocumentBytes(), "the document");
            }
            Seal seal = run.seal(request.sealName(), request.oneTimeCode());
            if (!seal.allows(request.format(), request.level())) {
                throw new SignetException(SignetException.Kind.NOT_ALLOWED_FOR_SEAL, "seal '" + seal.name()
                        + "' may not produce " + request.format() + " at level " + request.level()
                        + " (it allows " + seal.formats() + " up to level " + seal.maxLevel() + ")");
            }
            Signed made = signWithPool(run, seal, request, now);
            DSSDocument signed = made.document();
            PendingSignature pending = made.pending();

            // The input's SHA-256 for the audit trail, from the writer when it took it on the way.
            DigestedDocument digested = signed instanceof DigestedDocument d ? d : null;
            String digest = digested != null ? digested.inputSha256Hex() : request.documentSha256Hex();
            // An in-memory result is handed on as it is, not copied once more.
            byte[] content = signed instanceof InMemoryDocument memory ? memory.getBytes() : DSSUtils.toByteArray(signed);
            // The output's SHA-256 enters the archive; taken once here, it also serves the caller (a hot folder's ledger).
            SignedDocument result = new SignedDocument(content, pending.mimeType(),
                    pending.fileName(), seal.name(), request.format(), request.level(), now,
                    digested != null ? digested.sha256Hex() : Documents.sha256Hex(content), Documents.sha256Hex(made.signatureValue()),
                    signed instanceof AppendedDocument appended ? appended.original() : null);
            run.events.add(new AuditEvent(now, run.caller, AuditEvent.Action.SIGN, AuditEvent.Outcome.SUCCESS, seal.name(),
                    digest, request.format() + " level " + request.level() + ", " + request.documentName()));
            if (run.archiveUse.enter() && seal.archived()) {
                if (seal.keepsDocuments() || run.archiveUse.keep()) {
                    DocumentStore store = new DocumentStore(configuration.archiveStore());
                    if (result.original() != null) {
                        store.keep(result.sha256Hex(), result::open);
                    } else {
                        store.keep(result.sha256Hex(), content);
                    }
                    store.keep(result.signatureId(), made.signatureValue());
                }
                run.archived.add(new ArchiveEntry.New(result.sha256Hex(), now, run.caller, seal.name(), request.documentName(),
                        request.format().name(), run.archiveUse.batch()));
                // the signature value on its own too: its evidence outlives any copy of the document it was put in
                run.archived.add(new ArchiveEntry.New(result.signatureId(), now, run.caller, seal.name(), request.documentName(),
                        ArchiveEntry.SIGNATURE_VALUE, run.archiveUse.batch()));
            }
            meters.signed(seal.name(), request.format(), request.level());
            return new SigningOutcome(result, null);
        } catch (SignetException e) {
            meters.refused(e.kind());
            run.events.add(new AuditEvent(now, run.caller, e.kind() == SignetException.Kind.KEY_LIMIT_REACHED
                    ? AuditEvent.Action.KEY_LIMIT_REACHED : AuditEvent.Action.SIGN, outcomeOf(e), request.sealName(),
                    request.documentSha256Hex(), e.getMessage()));
            return new SigningOutcome(null, e);
        } catch (RuntimeException e) {
            SignetException refusal = SignetException.from(e);
            meters.refused(refusal.kind());
            run.events.add(new AuditEvent(now, run.caller, AuditEvent.Action.SIGN, AuditEvent.Outcome.FAILED, request.sealName(),
                    request.documentSha256Hex(), refusal.getMessage()));
            return new SigningOutcome(null, refusal);
        }
    }

    private record Signed(DSSDocument document, PendingSignature pending, KeyReference key, byte[] signatureValue) { }

    private record KeyUse(KeyReference key, String algorithm) { }

    /** A request prepared, its signature reserved, and (once the batch is signed) its value. */
    private record Presigned(SignRequest request, KeyReference key, PendingSignature pending, byte[] value) { }

    /**
     * Signs with the seal's key, or with the first of its pool's keys that can: a key that is used up, expired,
     * revoked or failing is passed over (and a failing one rested), and the request goes on with the next one.
     * Only when no key can sign is the request refused, naming each key's reason.
     */
    private Signed signWithPool(Run run, Seal seal, SignRequest request, Instant now) {
        List<KeyReference> order = keys.order(keys.usable(seal.name(), seal.keys(), request.cards()));
        List<String> reasons = new ArrayList<>();
        SignetException last = null;
        char[] pin = request.cards().pin();
        try {
            for (KeyReference key : order) {
                try {
                    return signWith(run, seal, key, request, pin, now);
                } catch (SignetException e) {
                    // A refused PIN ends the request: the same PIN is not offered to another card.
                    if (e.kind() != SignetException.Kind.KEY_UNAVAILABLE && e.kind() != SignetException.Kind.KEY_LIMIT_REACHED
                            && e.kind() != SignetException.Kind.PIN_REQUIRED) {
                        throw e; // the document's or the request's fault: another key would fail the same way
                    }
                    last = e;
                    reasons.add(e.getMessage());
                }
            }
            if (order.size() == 1) {
                throw last;
            }
            throw new SignetException(last.kind(), "no key of seal '" + seal.name() + "' can sign now: " + String.join("; ", reasons));
        } finally {
            // Both the working copy and the request's own: the PIN is forgotten once the request is done.
            if (pin != null) {
                Arrays.fill(pin, '\0');
            }
            request.cards().forget();
        }
    }

    private Signed signWith(Run run, Seal seal, KeyReference key, SignRequest request, char[] pin, Instant now) {
        Presigned presigned = run.presigned.remove(request);
        if (presigned != null && !presigned.key().equals(key)) {
            run.giveBack(presigned.key());
            presigned = null;
        }
        if (presigned != null) {
            return completed(run, seal, key, presigned.pending(), presigned.value(), run.chain(key, pin).get(0));
        }
        List<X509Certificate> chain = run.chain(key, pin);
        PendingSignature pending = prepare(run, seal, chain, request, now);
        run.reserve(key, now);
        byte[] value;
        try {
            value = keys.sign(key, pending.algorithm().getJCEId(), pending.dataToSign(), pin);
        } catch (SignetException e) {
            run.giveBack(key);
            if (e.kind() == SignetException.Kind.KEY_UNAVAILABLE) {
                keys.failed(key);
                audit.record(new AuditEvent(now, "signet", AuditEvent.Action.KEY_FAILED, AuditEvent.Outcome.FAILED, seal.name(), null,
                        e.getMessage()));
            }
            throw e;
        }
        return completed(run, seal, key, pending, value, chain.get(0));
    }

    /** The request prepared for the key, once its certificate is current and not revoked. */
    private PendingSignature prepare(Run run, Seal seal, List<X509Certificate> chain, SignRequest request, Instant now) {
        requireCurrent(seal, chain.get(0), now);
        if (run.isRevoked(chain.get(0))) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "the certificate of seal '" + seal.name()
                    + "' has been revoked; it signs nothing more");
        }
        return dss.format(request.format()).prepare(request, chain.stream().map(CertificateToken::new).toList(), Date.from(now));
    }

    /** The value checked (once per key and algorithm where the token checks each itself), then put in its document. */
    private Signed completed(Run run, Seal seal, KeyReference key, PendingSignature pending, byte[] value, X509Certificate certificate) {
        keys.succeeded(key);
        String algorithm = pending.algorithm().getJCEId();
        if (run.mustVerify(key, algorithm)) {
            requireVerifies(seal, pending, value, certificate);
            run.verified(key, algorithm);
        }
        DSSDocument signed = pending.complete().apply(value);
        if (!pending.checkedWhenCompleted()) {
            requireIntact(seal, signed, pending, certificate);
        }
        return new Signed(signed, pending, key, value);
    }

    static AuditEvent.Outcome outcomeOf(SignetException e) {
        return switch (e.kind()) {
            case SIGNING_FAILED, KEY_UNAVAILABLE, KEY_LIMIT_REACHED -> AuditEvent.Outcome.FAILED;
            default -> AuditEvent.Outcome.REFUSED;
        };
    }

    private static void requireCurrent(Seal seal, X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "the certificate of seal '" + seal.name()
                    + "' is not valid now (valid from " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant() + ")");
        }
    }

    /**
     * The finished signature, read back by DSS's own validator: its references and value must be intact.
     * Catches a mis-assembled output (a broken byte range, a lost reference) before anyone receives it.
     */
    private void requireIntact(Seal seal, DSSDocument signed, PendingSignature pending, X509Certificate certificate) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(signed);
        validator.setCertificateVerifier(trust.verifier());
        validator.setDetachedContents(pending.detachedContents());
        CertificateToken sealCertificate = new CertificateToken(certificate);
        List<AdvancedSignature> ours = validator.getSignatures().stream()
                .filter(s -> sealCertificate.equals(s.getSigningCertificateToken())).toList();
        if (ours.isEmpty()) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the document signed with seal '" + seal.name()
                    + "' holds no signature of it when read back; nothing was returned");
        }
        AdvancedSignature newest = ours.get(ours.size() - 1); // earlier signatures of the same seal come first
        newest.checkSignatureIntegrity();
        if (!newest.getSignatureCryptographicVerification().isSignatureValid()) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the signature made with seal '" + seal.name()
                    + "' is not intact when read back (" + newest.getSignatureCryptographicVerification().getErrorMessage()
                    + "); nothing was returned");
        }
    }

    /** A wrong key, a broken token or a chain that does not belong to the key is caught here, not by a reader. */
    private static void requireVerifies(Seal seal, PendingSignature pending, byte[] value, X509Certificate certificate) {
        boolean verifies;
        try {
            Signature check = Signature.getInstance(pending.algorithm().getJCEId());
            check.initVerify(certificate.getPublicKey());
            check.update(pending.dataToSign());
            verifies = check.verify(value);
        } catch (GeneralSecurityException e) {
            verifies = false;
        }
        if (!verifies) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the signature value made by the key of seal '"
                    + seal.name() + "' does not verify with the seal's certificate; nothing was returned");
        }
    }
}
