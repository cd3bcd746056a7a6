package org.signet.archive;

import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.EvidenceRecordWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.diagnostic.jaxb.XmlDigestAlgoAndValue;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.evidencerecord.common.validation.DefaultEvidenceRecordValidator;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.simplereport.jaxb.XmlMessage;
import eu.europa.esig.dss.validation.reports.Reports;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
import org.bouncycastle.asn1.tsp.ArchiveTimeStampChain;
import org.bouncycastle.asn1.tsp.EvidenceRecord;
import org.signet.config.SignetConfiguration;
import org.signet.document.Documents;
import org.signet.model.SignetException;
import org.signet.pki.TrustAnchors;
import org.signet.security.Callers;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks an evidence record over a document as EU DSS judges RFC 4998 records, with Signet's trust anchors: whether
 * it proves the document's existence, since when, with which hash algorithm, by whose time stamp, and by when its
 * time stamp must be renewed (before the last time-stamping certificate expires). Any record, not only Signet's.
 */
@Stateless
@PermitAll
public class EvidenceVerification {

    /**
     * @param provenAt    the time of the record's first time stamp: the document existed then
     * @param renewBefore when the last time stamp's certificate expires: the record needs a renewal before then
     * @param timeStamps  every time stamp of the record, oldest first: the first proves the document, each later one
     *                    the earlier ones
     */
    public record EvidenceVerdict(boolean valid, String indication, String subIndication, Instant provenAt, String digestAlgorithm,
                                  String timeStampAuthority, Instant renewBefore, List<String> errors, List<TimeStamp> timeStamps) { }

    /**
     * One time stamp of a record: when, by whom, over which hash, whether it is intact, until when its authority holds,
     * and the record's chain it belongs to (1 the first; each hash-tree renewal begins another; null for an XML record).
     */
    public record TimeStamp(Instant time, String authority, String digestAlgorithm, boolean intact, Instant authorityValidTo,
                            Integer chain) { }

    @Inject
    private TrustAnchors trust;
    @Inject
    private SignetConfiguration configuration;
    @Resource
    private SessionContext session;

    public EvidenceVerdict verify(byte[] document, String name, byte[] evidenceRecord) {
        Callers.name(session);
        Documents.requireWithinLimit(document, configuration.maxDocumentBytes(), "the document");
        Documents.requireWithinLimit(evidenceRecord, configuration.maxDocumentBytes(), "the evidence record");
        DefaultEvidenceRecordValidator validator;
        try {
            validator = DefaultEvidenceRecordValidator.fromDocument(new InMemoryDocument(evidenceRecord, "evidence.ers"));
        } catch (RuntimeException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the evidence record is not an RFC 4998 record Signet can read");
        }
        validator.setCertificateVerifier(trust.verifier());
        validator.setDetachedContents(List.of(new InMemoryDocument(document, name == null ? "document" : name)));
        Reports reports;
        try {
            reports = validator.validateDocument();
        } catch (RuntimeException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the evidence record could not be validated: " + e.getMessage(), e);
        }
        SimpleReport report = reports.getSimpleReport();
        String id = report.getFirstEvidenceRecordId();
        if (id == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the evidence record is not an RFC 4998 record Signet can read");
        }
        DiagnosticData diagnostic = reports.getDiagnosticData();
        EvidenceRecordWrapper record = diagnostic.getEvidenceRecordById(id);
        Map<String, Integer> chains = chainsOf(evidenceRecord);
        List<TimestampWrapper> stamps = record.getTimestampList().stream()
                .sorted(Comparator.comparing(TimestampWrapper::getProductionTime)).toList();
        TimestampWrapper last = stamps.isEmpty() ? null : stamps.get(stamps.size() - 1);
        CertificateWrapper authority = last == null ? null : last.getSigningCertificate();
        Indication indication = report.getIndication(id);
        return new EvidenceVerdict(indication == Indication.PASSED, String.valueOf(indication),
                report.getSubIndication(id) == null ? null : report.getSubIndication(id).name(),
                stamps.isEmpty() ? null : instant(stamps.get(0).getProductionTime()),
                record.getDigestMatchers().isEmpty() || record.getDigestMatchers().get(0).getDigestMethod() == null ? null
                        : record.getDigestMatchers().get(0).getDigestMethod().getName(),
                authority == null ? null : authority.getCertificateDN(),
                authority == null ? null : instant(authority.getNotAfter()),
                report.getEvidenceRecordById(id) == null ? List.of() : errors(report, id),
                stamps.stream().map(stamp -> timeStamp(stamp, chains)).toList());
    }

    private static TimeStamp timeStamp(TimestampWrapper stamp, Map<String, Integer> chains) {
        CertificateWrapper authority = stamp.getSigningCertificate();
        XmlDigestAlgoAndValue token = stamp.getDigestAlgoAndValue();
        return new TimeStamp(instant(stamp.getProductionTime()), authority == null ? null : authority.getCertificateDN(),
                stamp.getMessageImprint() == null || stamp.getMessageImprint().getDigestMethod() == null ? null
                        : stamp.getMessageImprint().getDigestMethod().getName(),
                stamp.isSignatureIntact() && stamp.isMessageImprintDataIntact(), authority == null ? null : instant(authority.getNotAfter()),
                token == null || token.getDigestMethod() != DigestAlgorithm.SHA256 ? null
                        : chains.get(HexFormat.of().formatHex(token.getDigestValue())));
    }

    /**
     * The chain (1, 2, ...) of each time stamp of an RFC 4998 record, by the SHA-256 of its token, as DSS identifies
     * time stamps; empty for a record that is not DER (RFC 6283's XML).
     */
    static Map<String, Integer> chainsOf(byte[] record) {
        Map<String, Integer> chains = new HashMap<>();
        try {
            ArchiveTimeStampChain[] all = EvidenceRecord.getInstance(record).getArchiveTimeStampSequence().getArchiveTimeStampChains();
            for (int chain = 0; chain < all.length; chain++) {
                for (ArchiveTimeStamp stamp : all[chain].getArchiveTimestamps()) {
                    chains.put(Documents.sha256Hex(stamp.getTimeStamp().getEncoded(ASN1Encoding.DER)), chain + 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return chains;
    }

    private static List<String> errors(SimpleReport report, String id) {
        var details = report.getEvidenceRecordById(id).getAdESValidationDetails();
        return details == null ? List.of() : details.getError().stream().map(XmlMessage::getValue).toList();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
