package org.signet.signing;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parts of a detached CMS SignedData that are the same for every document a key signs: the algorithm
 * identifiers, the signer's identifier, its ESS certificate id, and the DER of everything in SignedData before the
 * signer infos (version, digest algorithms, content type, certificates). A mass signature re-parsed and re-encoded
 * the certificate chain for every document; now only the signed attributes and the signer info are encoded.
 */
final class CmsSignerTemplate {

    private static final int CACHED = 64;
    private static final Map<Key, CmsSignerTemplate> TEMPLATES = new ConcurrentHashMap<>();

    private record Key(List<X509Certificate> chain, SignatureAlgorithm algorithm) { }

    private final AlgorithmIdentifier digestId;
    private final AlgorithmIdentifier signatureId;
    private final SignerIdentifier signer;
    private final ESSCertIDv2 certificateId;
    private final byte[] signedDataHead;

    private CmsSignerTemplate(List<X509Certificate> chain, SignatureAlgorithm algorithm) throws IOException, GeneralSecurityException {
        X509Certificate certificate = chain.get(0);
        digestId = new AlgorithmIdentifier(new ASN1ObjectIdentifier(algorithm.getDigestAlgorithm().getOid()));
        signatureId = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm.getJCEId());
        X500Name issuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
        signer = new SignerIdentifier(new IssuerAndSerialNumber(issuer, certificate.getSerialNumber()));
        byte[] certificateHash = messageDigest(algorithm.getDigestAlgorithm()).digest(certificate.getEncoded());
        certificateId = new ESSCertIDv2(digestId, certificateHash,
                new IssuerSerial(new GeneralNames(new GeneralName(issuer)), certificate.getSerialNumber()));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(new ASN1Integer(1).getEncoded(ASN1Encoding.DER)); // issuerAndSerialNumber, id-data: version 1
        head.write(new DERSet(digestId).getEncoded(ASN1Encoding.DER));
        head.write(new ContentInfo(CMSObjectIdentifiers.data, null).getEncoded(ASN1Encoding.DER));
        List<byte[]> encoded = new ArrayList<>();
        for (X509Certificate each : chain) {
            encoded.add(each.getEncoded());
        }
        encoded.sort(Arrays::compareUnsigned); // a DER SET OF is sorted by the elements' encodings
        ByteArrayOutputStream certificates = new ByteArrayOutputStream();
        for (byte[] each : encoded) {
            certificates.write(each);
        }
        head.write(tlv(0xA0, certificates.toByteArray())); // [0] IMPLICIT CertificateSet
        signedDataHead = head.toByteArray();
    }

    /** Whether the template builds a CMS for the algorithm: RSA PKCS#1 v1.5 and ECDSA (RSASSA-PSS needs parameters it has not). */
    static boolean builds(SignatureAlgorithm algorithm) {
        return algorithm.getEncryptionAlgorithm() == EncryptionAlgorithm.RSA || algorithm.getEncryptionAlgorithm() == EncryptionAlgorithm.ECDSA;
    }

    /** A digest engine for one of the algorithms signatures are made with. */
    static MessageDigest messageDigest(DigestAlgorithm algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.getJavaName());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.getJavaName() + " is part of every Java platform", e);
        }
    }

    static CmsSignerTemplate of(List<X509Certificate> chain, SignatureAlgorithm algorithm) {
        Key key = new Key(List.copyOf(chain), algorithm);
        CmsSignerTemplate template = TEMPLATES.get(key);
        if (template == null) {
            try {
                template = new CmsSignerTemplate(key.chain(), algorithm);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot prepare the CMS for " + chain.get(0).getSubjectX500Principal(), e);
            }
            if (TEMPLATES.size() >= CACHED) {
                TEMPLATES.clear(); // keys come and go rarely; a full cache is simply started again
            }
            TEMPLATES.put(key, template);
        }
        return template;
    }

    /** content-type, message-digest and signing-certificate-v2; DER, so sorted: exactly the bytes the key signs. */
    ASN1Set signedAttributes(byte[] digest) {
        return new DERSet(new Attribute[] {
                new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)),
                new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(digest))),
                new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                        new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certificateId})))});
    }

    /** ETSI EN 319 122-1's mime-type attribute: what the signed content is. */
    static final ASN1ObjectIdentifier MIME_TYPE = new ASN1ObjectIdentifier("0.4.0.1733.2.1");

    /**
     * CAdES-B's, as DSS writes them: content-type, signing-time (UTCTime until 2049, as RFC 5652 asks), message-digest,
     * signing-certificate-v2, CMS algorithm protection (RFC 6211) and, when known, the content's mime-type; DER, so sorted.
     */
    ASN1Set signedAttributes(byte[] digest, Date signingTime, String mimeType) {
        List<Attribute> attributes = new ArrayList<>(List.of(
                new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)),
                new Attribute(CMSAttributes.signingTime, new DERSet(new Time(signingTime))),
                new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(digest))),
                new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                        new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certificateId}))),
                new Attribute(CMSAttributes.cmsAlgorithmProtect,
                        new DERSet(new CMSAlgorithmProtection(digestId, CMSAlgorithmProtection.SIGNATURE, signatureId)))));
        if (mimeType != null) {
            attributes.add(new Attribute(MIME_TYPE, new DERSet(new DERUTF8String(mimeType))));
        }
        return new DERSet(attributes.toArray(new Attribute[0]));
    }

    /**
     * The DER of ContentInfo { id-signedData, SignedData } with one signer info holding the signature value and the
     * unsigned attributes given (a signature time-stamp), or none when null.
     */
    byte[] contentInfo(ASN1Set signedAttributes, byte[] signatureValue, ASN1Set unsignedAttributes) {
        try {
            byte[] signerInfos = new DERSet(new SignerInfo(signer, digestId, signedAttributes, signatureId,
                    new DEROctetString(signatureValue), unsignedAttributes)).getEncoded(ASN1Encoding.DER);
            byte[] signedData = tlv(0x30, signedDataHead, signerInfos);
            return tlv(0x30, CMSObjectIdentifiers.signedData.getEncoded(ASN1Encoding.DER), tlv(0xA0, signedData));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DER tag, definite length, and the parts as its contents. */
    private static byte[] tlv(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
