package org.signet.signing;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.signature.AdvancedSignature;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.signet.SignetException;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.keys.SigningKeys;
import org.signet.pki.CertificateAuthority;
import org.signet.seal.Seal;
import org.signet.seal.SealDirectory;
import org.signet.security.Callers;
import org.signet.verification.TrustAnchors;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The one signing pipeline. Every face (SOAP, REST, batch, CLI through SOAP) ends here:
 * authenticate, authorise the caller for the seal, prepare the document, sign with the seal's key, check the
 * signature value against the seal's certificate, read the finished signature back and check it is intact,
 * audit, answer.
 * <p>
 * {@code @PermitAll} because WildFly denies un-annotated methods once a security domain is set; the caller is
 * checked by {@link Callers#name} and the seal's authorisations, which the container knows nothing about.
 */
@Stateless
@PermitAll
public class SigningService {

    @Resource
    private SessionContext session;
    @EJB
    private SealDirectory seals;
    @EJB
    private AuditLog audit;
    @Inject
    private SigningKeys keys;
    @Inject
    private DssEngine dss;
    @Inject
    private SignetConfiguration configuration;
    @Inject
    private CertificateAuthority authority;
    @Inject
    private TrustAnchors trust;

    public SignedDocument sign(SignRequest request) {
        String caller = Callers.name(session);
        String digest = Documents.sha256Hex(request.document());
        Instant now = Instant.now();
        try {
            Documents.requireWithinLimit(request.document(), configuration.maxDocumentBytes(), "the document");
            Seal seal = seals.authorisedSeal(caller, request.sealName());
            if (!seal.allows(request.format(), request.level())) {
                throw new SignetException(SignetException.Kind.NOT_ALLOWED_FOR_SEAL, "seal '" + seal.name()
                        + "' may not produce " + request.format() + " at level " + request.level()
                        + " (it allows " + seal.formats() + " up to level " + seal.maxLevel() + ")");
            }
            List<X509Certificate> chain = keys.certificateChain(seal.key());
            requireCurrent(seal, chain.get(0), now);
            if (authority.isRevoked(chain.get(0))) {
                throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "the certificate of seal '" + seal.name()
                        + "' has been revoked; it signs nothing more");
            }

            PendingSignature pending = dss.format(request.format())
                    .prepare(request, chain.stream().map(CertificateToken::new).toList(), Date.from(now));
            byte[] value = keys.sign(seal.key(), pending.algorithm().getJCEId(), pending.dataToSign());
            requireVerifies(seal, pending, value, chain.get(0));
            DSSDocument signed = pending.complete().apply(value);
            requireIntact(seal, signed, pending, chain.get(0));

            SignedDocument result = new SignedDocument(DSSUtils.toByteArray(signed), pending.mimeType(),
                    pending.fileName(), seal.name(), request.format(), request.level(), now);
            audit.record(new AuditEvent(now, caller, AuditEvent.Action.SIGN, AuditEvent.Outcome.SUCCESS, seal.name(),
                    digest, request.format() + " level " + request.level() + ", " + request.documentName()));
            return result;
        } catch (SignetException e) {
            audit.record(new AuditEvent(now, caller, AuditEvent.Action.SIGN, outcomeOf(e), request.sealName(),
                    digest, e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            throw internalError(caller, request, digest, now, e);
        }
    }

    private SignetException internalError(String caller, SignRequest request, String digest, Instant now, RuntimeException e) {
        SignetException refusal = SignetException.from(e);
        audit.record(new AuditEvent(now, caller, AuditEvent.Action.SIGN, AuditEvent.Outcome.FAILED, request.sealName(),
                digest, refusal.getMessage()));
        return refusal;
    }

    static AuditEvent.Outcome outcomeOf(SignetException e) {
        return switch (e.kind()) {
            case SIGNING_FAILED, KEY_UNAVAILABLE -> AuditEvent.Outcome.FAILED;
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
