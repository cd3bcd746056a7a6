package org.signet.signing;

import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.signature.AdvancedSignature;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.junit.jupiter.api.Test;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignaturePackaging;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A detached CAdES-B-B made by Signet's template, read by DSS's validator (nobody here wrote it): intact, CAdES-BASELINE-B,
 * over the document and over its digest alike, and with the same signed attributes as DSS's own CAdES-B-B.
 */
class CadesFormatTest {

    private static final byte[] DOCUMENT = "ledger line 1\nledger line 2\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void aDetachedBaselineBPassesDssOverTheDocumentAndOverItsDigest() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate certificate = PadesBaselineBTest.selfSigned(keys, "SHA256withRSA");
        List<CertificateToken> chain = List.of(new CertificateToken(certificate));
        CadesFormat format = new CadesFormat(new CommonCertificateVerifier(), null);
        Date now = new Date();

        SignRequest whole = new SignRequest("demo", SignatureFormat.CADES, SignatureLevel.B, null, null, DOCUMENT, "ledger.txt",
                PdfSignatureFields.NONE);
        byte[] overDocument = signed(format.prepare(whole, chain, now), keys);
        SignRequest digestOnly = new SignRequest("demo", SignatureFormat.CADES, SignatureLevel.B, SignaturePackaging.DETACHED, null,
                null, "ledger.txt", PdfSignatureFields.NONE, null, null, MessageDigest.getInstance("SHA-256").digest(DOCUMENT));
        byte[] overDigest = signed(format.prepare(digestOnly, chain, now), keys);

        for (byte[] signature : List.of(overDocument, overDigest)) {
            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(signature));
            validator.setCertificateVerifier(new CommonCertificateVerifier());
            validator.setDetachedContents(List.of(new InMemoryDocument(DOCUMENT, "ledger.txt")));
            AdvancedSignature read = validator.getSignatures().get(0);
            read.checkSignatureIntegrity();
            assertTrue(read.getSignatureCryptographicVerification().isSignatureValid(),
                    read.getSignatureCryptographicVerification().getErrorMessage());
            assertEquals(certificate, read.getSigningCertificateToken().getCertificate());
            assertEquals(now.getTime() / 1000, read.getSigningTime().getTime() / 1000);
            assertEquals("CAdES-BASELINE-B", validator.validateDocument().getSimpleReport().getSignatureFormat(read.getId()).toString());
        }

        // DSS's own CAdES-B-B of the same document: the same signed attributes, in the same order
        assertEquals(attributeTypes(dssSignature(whole, chain, now, keys, "ledger.txt")), attributeTypes(overDocument));
        SignRequest noExtension = new SignRequest("demo", SignatureFormat.CADES, SignatureLevel.B, null, null, DOCUMENT, "ledger",
                PdfSignatureFields.NONE);
        assertEquals(attributeTypes(dssSignature(noExtension, chain, now, keys, "ledger")),
                attributeTypes(signed(format.prepare(noExtension, chain, now), keys)));
    }

    private static byte[] dssSignature(SignRequest request, List<CertificateToken> chain, Date now, KeyPair keys, String name)
            throws Exception {
        CAdESSignatureParameters parameters = DocumentFormat.sealed(new CAdESSignatureParameters(), request, chain, now);
        parameters.setSignatureLevel(SignatureLevel.B.dss(SignatureFormat.CADES));
        parameters.setSignaturePackaging(eu.europa.esig.dss.enumerations.SignaturePackaging.DETACHED);
        CAdESService dss = new CAdESService(new CommonCertificateVerifier());
        DSSDocument content = new InMemoryDocument(DOCUMENT, name);
        ToBeSigned toBeSigned = dss.getDataToSign(content, parameters);
        return dss.signDocument(content, parameters, new SignatureValue(SignatureAlgorithm.RSA_SHA256,
                sign(toBeSigned.getBytes(), keys))).openStream().readAllBytes();
    }

    private static byte[] signed(PendingSignature pending, KeyPair keys) throws Exception {
        assertTrue(pending.checkedWhenCompleted());
        return pending.complete().apply(sign(pending.dataToSign(), keys)).openStream().readAllBytes();
    }

    private static byte[] sign(byte[] data, KeyPair keys) throws Exception {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(data);
        return signer.sign();
    }

    private static List<String> attributeTypes(byte[] cms) {
        SignedData signedData = SignedData.getInstance(ContentInfo.getInstance(ASN1Sequence.getInstance(cms)).getContent());
        ASN1Set attributes = SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0)).getAuthenticatedAttributes();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            types.add(Attribute.getInstance(attributes.getObjectAt(i)).getAttrType().getId());
        }
        return types;
    }
}
