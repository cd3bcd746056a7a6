package org.signet.archive;

import eu.europa.esig.dss.evidencerecord.common.validation.DefaultEvidenceRecordValidator;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

/** A self-signed RFC 3161 authority in memory, for the archive's unit tests: real tokens over any hash. */
final class TestTimeStampAuthority {

    private final KeyPair keys;
    private final X509CertificateHolder certificate;
    private final DigestCalculatorProvider digests;
    private long serial;

    TestTimeStampAuthority() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        keys = generator.generateKeyPair();
        Date now = new Date();
        certificate = new JcaX509v3CertificateBuilder(new X500Name("CN=Test TSA"), BigInteger.ONE, new Date(now.getTime() - 60_000),
                new Date(now.getTime() + 3_600_000), new X500Name("CN=Test TSA"), keys.getPublic())
                .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        digests = new JcaDigestCalculatorProviderBuilder().build();
    }

    X509CertificateHolder certificate() {
        return certificate;
    }

    /** EU DSS's judgement of an evidence record over its document, with this authority trusted. */
    SimpleReport dss(byte[] record, String recordName, byte[] document) throws Exception {
        DefaultEvidenceRecordValidator validator = DefaultEvidenceRecordValidator.fromDocument(new InMemoryDocument(record, recordName));
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(x509()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        validator.setCertificateVerifier(verifier);
        validator.setDetachedContents(List.of(new InMemoryDocument(document, "document.bin")));
        return validator.validateDocument().getSimpleReport();
    }

    X509Certificate x509() throws Exception {
        return new JcaX509CertificateConverter().getCertificate(certificate);
    }

    DigestCalculatorProvider digests() {
        return digests;
    }

    /** A token (DER) over a SHA-256 hash. */
    byte[] timeStamp(byte[] sha256) throws Exception {
        return timeStamp(TSPAlgorithms.SHA256, sha256);
    }

    /** A token (DER) over a SHA-512 hash. */
    byte[] timeStamp512(byte[] sha512) throws Exception {
        return timeStamp(TSPAlgorithms.SHA512, sha512);
    }

    /** A token (DER) over a hash of the given algorithm. */
    byte[] timeStamp(ASN1ObjectIdentifier algorithm, byte[] hash) throws Exception {
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withECDSA", keys.getPrivate(), x509()), digests.get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
                new ASN1ObjectIdentifier("1.2.3.4"));
        tokens.addCertificates(new JcaCertStore(List.of(x509())));
        var request = new TimeStampRequestGenerator().generate(algorithm, hash, BigInteger.TEN);
        return new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED).generate(request, BigInteger.valueOf(++serial), new Date())
                .getTimeStampToken().getEncoded();
    }
}
