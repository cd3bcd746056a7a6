package org.signet.archive;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.evidencerecord.common.validation.DefaultEvidenceRecordValidator;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.reports.Reports;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Decades in a minute: evidence records renewed as Signet renews them, by authorities whose certificates come and go,
 * judged by EU DSS at a validation time long after all but the last expired.
 */
class DecadesOfEvidenceTest {

    @TempDir
    Path dir;

    /** A CA valid 2020-2080, and time-stamping authorities it certifies for a few years each. */
    static final class Pki {
        final KeyPair caKeys;
        final X509Certificate ca;
        long serial = 1;
        final List<Date> crlDates = new ArrayList<>();

        Pki() throws Exception {
            caKeys = keys(521);
            X500Name name = new X500Name("CN=Archive Test Root CA");
            ca = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial++),
                    date(2020, 1, 1), date(2080, 1, 1), name, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caKeys.getPublic()))
                    .build(new JcaContentSignerBuilder("SHA512withECDSA").build(caKeys.getPrivate())));
        }

        /** A CRL of the CA issued at {@code at}, revoking nothing, valid a month, covering expired certificates too. */
        byte[] crl(Date at) throws Exception {
            var builder = new X509v2CRLBuilder(new X500Name("CN=Archive Test Root CA"), at);
            builder.setNextUpdate(new Date(at.getTime() + 30L * 24 * 3600 * 1000));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(at.getTime())));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
            // the CA keeps revoked certificates on its CRLs after they expire, so a CRL speaks of expired authorities too
            builder.addExtension(Extension.expiredCertsOnCRL, false, new ASN1GeneralizedTime(date(2020, 1, 1)));
            return builder.build(new JcaContentSignerBuilder("SHA512withECDSA").build(caKeys.getPrivate())).getEncoded();
        }

        /** An authority with a key of {@code bits} (256, 384, 521), signing with the hash of matching strength. */
        Tsa tsa(String name, Date from, Date to, int bits) throws Exception {
            KeyPair tsaKeys = keys(bits);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    new X500Name("CN=Archive Test Root CA"), BigInteger.valueOf(serial++), from, to, new X500Name("CN=" + name), tsaKeys.getPublic())
                    .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca))
                    .addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(tsaKeys.getPublic()))
                    .build(new JcaContentSignerBuilder("SHA512withECDSA").build(caKeys.getPrivate())));
            return new Tsa(tsaKeys, certificate, ca, bits == 256 ? "SHA256withECDSA" : bits == 384 ? "SHA384withECDSA" : "SHA512withECDSA",
                    crlDates);
        }
    }

    /** An authority; the CA publishes a CRL the day after each of its time stamps. */
    record Tsa(KeyPair keys, X509Certificate certificate, X509Certificate ca, String signatureAlgorithm, List<Date> crlDates) {
        byte[] timeStamp(DigestAlgorithm algorithm, byte[] hash, Date at) throws Exception {
            var digests = new JcaDigestCalculatorProviderBuilder().build();
            // the token's CMS signing time is the time stamp's, not the test's clock
            var signingTime = new AttributeTable(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(at))));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(new JcaSignerInfoGeneratorBuilder(digests)
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime))
                    .build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate()), certificate),
                    digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), new ASN1ObjectIdentifier("1.2.3.4"));
            tokens.addCertificates(new JcaCertStore(List.of(certificate, ca)));
            TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
            requests.setCertReq(true); // the authority's certificate travels in the token, as validators need it
            TimeStampRequest request = requests.generate(new ASN1ObjectIdentifier(algorithm.getOid()), hash);
            crlDates.add(new Date(at.getTime() + 24L * 3600 * 1000));
            return tokens.generate(request, BigInteger.valueOf(at.getTime()), at).getEncoded();
        }
    }

    /**
     * 2026 to 2060 with six authorities of eight years each: the day's tree time-stamped in 2026, its time stamp
     * renewed before each authority's certificate ends, its hash tree renewed into SHA-384 (2041), SHA-512 (2047) and
     * SHA3-512 (2053), each new chain renewed in turn. In 2060, with only the root CA trusted and every authority but
     * the last expired, EU DSS validates every entry's record: PASSED (the CA's CRLs given to it). The same record
     * without its renewals does not pass in 2060, nor one whose first renewal came after the first authority expired.
     */
    @Test
    void evidenceRenewedOverDecadesStillPassesDssLongAfterEveryEarlierAuthorityExpired() throws Exception {
        Pki pki = new Pki();
        List<Tsa> authorities = new ArrayList<>();
        for (int year = 2026; year <= 2056; year += 6) {
            // stronger keys as the years go by, as the algorithms' validity in DSS's policy (ETSI TS 119 312) requires
            authorities.add(pki.tsa("TSA " + year, date(year, 1, 1), date(year + 8, 1, 1), year < 2030 ? 256 : 384));
        }
        int n = 3;
        byte[] leaves = new byte[n * HashTree.HASH_BYTES];
        for (int i = 0; i < n; i++) {
            System.arraycopy(hash(DigestAlgorithm.SHA256, document(i)), 0, leaves, i * HashTree.HASH_BYTES, HashTree.HASH_BYTES);
        }
        Path daily = dir.resolve("daily");
        byte[] token = authorities.get(0).timeStamp(DigestAlgorithm.SHA256, HashTree.write(leaves, daily), date(2026, 6, 1));
        List<List<EvidenceRecords.Chain>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new ArrayList<>(List.of(new EvidenceRecords.Chain(DigestAlgorithm.SHA256, HashTree.reducedTree(daily, n, i), token,
                    List.of()))));
        }
        List<List<EvidenceRecords.Chain>> unrenewed = records.stream().map(List::copyOf).toList();
        List<List<EvidenceRecords.Chain>> late = records.stream().map(chains -> (List<EvidenceRecords.Chain>) new ArrayList<>(chains)).toList();
        renewTimeStamps(late, authorities.get(2), date(2039, 6, 1)); // five years after the first authority expired

        renewTimeStamps(records, authorities.get(1), date(2033, 6, 1));
        renewTimeStamps(records, authorities.get(2), date(2039, 6, 1));
        renewHashTree(records, DigestAlgorithm.SHA384, authorities.get(2), date(2041, 1, 1));
        renewTimeStamps(records, authorities.get(3), date(2045, 6, 1));
        renewHashTree(records, DigestAlgorithm.SHA512, authorities.get(3), date(2047, 1, 1));
        renewTimeStamps(records, authorities.get(4), date(2051, 6, 1));
        renewHashTree(records, DigestAlgorithm.SHA3_512, authorities.get(4), date(2053, 1, 1));
        renewTimeStamps(records, authorities.get(5), date(2057, 6, 1));

        for (int i = 0; i < n; i++) {
            SimpleReport report = dss(pki, EvidenceRecords.encode(records.get(i)), document(i), date(2060, 1, 1)).getSimpleReport();
            String id = report.getFirstEvidenceRecordId();
            assertEquals(Indication.PASSED, report.getIndication(id), "entry " + i + " in 2060: " + report.getSubIndication(id) + " "
                    + report.getEvidenceRecordTimestamps(id).stream().map(t -> t.getProductionTime() + " " + t.getIndication() + "/"
                    + t.getSubIndication()).toList());
            assertEquals(9, report.getEvidenceRecordTimestamps(id).size(), "1 + 2 renewals, then 3 chains of 1 + 1 renewal");

            SimpleReport early = dss(pki, EvidenceRecords.encode(unrenewed.get(i)), document(i), date(2030, 1, 1)).getSimpleReport();
            assertEquals(Indication.PASSED, early.getIndication(early.getFirstEvidenceRecordId()), "the first time stamp alone, in 2030");
            SimpleReport alone = dss(pki, EvidenceRecords.encode(unrenewed.get(i)), document(i), date(2060, 1, 1)).getSimpleReport();
            assertNotEquals(Indication.PASSED, alone.getIndication(alone.getFirstEvidenceRecordId()),
                    "the first time stamp alone, in 2060, long after its authority expired");
            SimpleReport tooLate = dss(pki, EvidenceRecords.encode(late.get(i)), document(i), date(2040, 1, 1)).getSimpleReport();
            assertNotEquals(Indication.PASSED, tooLate.getIndication(tooLate.getFirstEvidenceRecordId()),
                    "a renewal made after the first authority expired proves nothing about its time stamp");
        }
    }

    /** One time-stamp renewal of every record's last chain (they share it), by {@code tsa} at {@code at}. */
    private static void renewTimeStamps(List<List<EvidenceRecords.Chain>> records, Tsa tsa, Date at) throws Exception {
        var record = EvidenceRecords.record(records.get(0));
        TimeStampRequest request = EvidenceRecords.renewalRequest(record);
        byte[] renewal = EvidenceRecords.renewal(record, tsa.timeStamp(DigestAlgorithm.forOID(request.getMessageImprintAlgOID().getId()),
                request.getMessageImprintDigest(), at));
        for (List<EvidenceRecords.Chain> chains : records) {
            EvidenceRecords.Chain last = chains.remove(chains.size() - 1);
            List<byte[]> renewals = new ArrayList<>(last.renewals());
            renewals.add(renewal);
            chains.add(new EvidenceRecords.Chain(last.algorithm(), last.reducedTree(), last.timeStampToken(), renewals));
        }
    }

    /** A hash-tree renewal of every record into {@code algorithm}: one new tree, one time stamp by {@code tsa} at {@code at}. */
    private void renewHashTree(List<List<EvidenceRecords.Chain>> records, DigestAlgorithm algorithm, Tsa tsa, Date at) throws Exception {
        MessageDigest digest = HashTree.digest(algorithm);
        int size = digest.getDigestLength();
        byte[] leaves = new byte[records.size() * size];
        for (int i = 0; i < records.size(); i++) {
            byte[] leaf = EvidenceRecords.renewedLeaf(digest, hash(algorithm, document(i)), EvidenceRecords.sequenceHash(records.get(i), digest));
            System.arraycopy(leaf, 0, leaves, i * size, size);
        }
        Path file = dir.resolve(algorithm.name());
        byte[] token = tsa.timeStamp(algorithm, HashTree.write(digest, leaves, file), at);
        for (int i = 0; i < records.size(); i++) {
            records.get(i).add(new EvidenceRecords.Chain(algorithm, HashTree.reducedTree(file, records.size(), i, size), token, List.of()));
        }
    }

    private static byte[] hash(DigestAlgorithm algorithm, byte[] data) {
        return HashTree.digest(algorithm).digest(data);
    }

    private static byte[] document(int i) {
        return ("a contract of 2026, number " + i).getBytes(StandardCharsets.UTF_8);
    }

    private static Reports dss(Pki pki, byte[] record, byte[] document, Date at) throws Exception {
        DefaultEvidenceRecordValidator validator = DefaultEvidenceRecordValidator.fromDocument(new InMemoryDocument(record, "record.ers"));
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(pki.ca));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        List<DSSDocument> crls = new ArrayList<>();
        for (Date issued : pki.crlDates) {
            if (!issued.after(at)) {
                crls.add(new InMemoryDocument(pki.crl(issued)));
            }
        }
        verifier.setCrlSource(new ExternalResourcesCRLSource(
                crls.toArray(new DSSDocument[0])));
        validator.setCertificateVerifier(verifier);
        validator.setValidationTime(at);
        validator.setDetachedContents(List.of(new InMemoryDocument(document, "document.bin")));
        return validator.validateDocument();
    }

    private static KeyPair keys(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    static Date date(int year, int month, int day) {
        return Date.from(LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
