package org.signet.remote;

import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignaturePackaging;

/**
 * One item of a signDoc call: a document, or only its digest (a detached CAdES signature over it), to be signed with a
 * credential in a format, level and packaging (null: the format's default), with the algorithm {@code signAlgo} (and
 * {@code hashAlgorithmOid} beside a bare key algorithm) names; none: SHA-256.
 */
public record RemoteDocument(byte[] document, byte[] digest, SignatureFormat format, SignatureLevel level, SignaturePackaging packaging,
                             String signAlgo, String hashAlgorithmOid) {
}
