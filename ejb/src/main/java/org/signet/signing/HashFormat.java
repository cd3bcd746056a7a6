package org.signet.signing;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;

import java.io.IOException;
import java.util.Date;
import java.util.List;

/**
 * A bare signature value over the caller's digest: RSA PKCS #1 v1.5 over the digest's DigestInfo, or ECDSA over the
 * digest (DER-encoded r and s), as CSC {@code signHash} answers. Nothing is embedded, so the value is checked against
 * the certificate by the pipeline, not read back.
 */
public final class HashFormat implements DocumentFormat {

    @Override
    public SignatureFormat format() {
        return SignatureFormat.HASH;
    }

    @Override
    public PendingSignature prepare(SignRequest request, List<CertificateToken> chain, Date signingTime) {
        if (request.level() != SignatureLevel.B) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a bare signature value has no level beyond B");
        }
        byte[] digest = request.checkedDigest();
        String keyAlgorithm = chain.get(0).getPublicKey().getAlgorithm();
        byte[] toSign;
        SignatureAlgorithm algorithm;
        switch (keyAlgorithm) {
            case "RSA" -> {
                algorithm = SignatureAlgorithm.RSA_RAW;
                toSign = digestInfo(request, digest);
            }
            case "EC" -> {
                algorithm = SignatureAlgorithm.ECDSA_RAW;
                toSign = digest;
            }
            default -> throw new SignetException(SignetException.Kind.INVALID_INPUT, "seal '" + request.sealName()
                    + "' has a " + keyAlgorithm + " key, which signs no bare digest");
        }
        String name = request.documentName() + ".sig";
        return new PendingSignature(toSign, algorithm, value -> new InMemoryDocument(value, name),
                "application/octet-stream", name, List.of(), true);
    }

    private static byte[] digestInfo(SignRequest request, byte[] digest) {
        try {
            return new DigestInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier(request.hash().dss().getOid()), DERNull.INSTANCE),
                    digest).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("a DigestInfo cannot be encoded", e);
        }
    }
}
