package org.signet.signing;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-assembled SignedData is byte for byte what Bouncy Castle's own structures encode, and it verifies. */
class CmsSignerTemplateTest {

    @Test
    void theTemplateEncodesWhatBouncyCastleEncodesAndTheSignatureVerifies() throws Exception {
        KeyPair caKeys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate ca = certificate("CN=Test CA", "CN=Test CA", caKeys, caKeys);
        X509Certificate seal = certificate("CN=Test Seal", "CN=Test CA", keys, caKeys);
        List<X509Certificate> chain = List.of(seal, ca);
        byte[] content = "the byte range".getBytes();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);

        CmsSignerTemplate template = CmsSignerTemplate.of(chain, SignatureAlgorithm.RSA_SHA256);
        assertSame(template, CmsSignerTemplate.of(List.of(seal, ca), SignatureAlgorithm.RSA_SHA256));
        ASN1Set attributes = template.signedAttributes(digest);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(attributes.getEncoded(ASN1Encoding.DER));
        byte[] value = signer.sign();
        byte[] cms = template.contentInfo(attributes, value, null);

        assertArrayEquals(bouncyCastle(chain, attributes, value), cms);
        CMSSignedData parsed = new CMSSignedData(new CMSProcessableByteArray(content), cms);
        assertEquals(2, parsed.getCertificates().getMatches(null).size());
        SignerInformation information = parsed.getSignerInfos().getSigners().iterator().next();
        assertTrue(information.verify(new JcaSimpleSignerInfoVerifierBuilder().build(seal)));
    }

    /** SignedData as Bouncy Castle's ASN.1 classes assemble it: the reference. */
    private static byte[] bouncyCastle(List<X509Certificate> chain, ASN1Set attributes, byte[] value) throws Exception {
        X509Certificate seal = chain.get(0);
        AlgorithmIdentifier digestId = new AlgorithmIdentifier(new ASN1ObjectIdentifier("2.16.840.1.101.3.4.2.1"));
        SignerInfo info = new SignerInfo(new SignerIdentifier(new IssuerAndSerialNumber(
                X500Name.getInstance(seal.getIssuerX500Principal().getEncoded()), seal.getSerialNumber())),
                digestId, attributes, new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA"), new DEROctetString(value), null);
        ASN1EncodableVector certificates = new ASN1EncodableVector();
        for (X509Certificate each : chain) {
            certificates.add(Certificate.getInstance(each.getEncoded()));
        }
        SignedData signedData = new SignedData(new DERSet(digestId), new ContentInfo(CMSObjectIdentifiers.data, null),
                new DLSet(certificates), null, new DERSet(new ASN1Encodable[] {info}));
        return new ContentInfo(CMSObjectIdentifiers.signedData, signedData).getEncoded(ASN1Encoding.DER);
    }

    private static X509Certificate certificate(String subject, String issuer, KeyPair subjectKeys, KeyPair issuerKeys) throws Exception {
        Date now = new Date();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(System.nanoTime()), new Date(now.getTime() - 60_000), new Date(now.getTime() + 86_400_000L),
                new X500Name(subject), subjectKeys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }
}
