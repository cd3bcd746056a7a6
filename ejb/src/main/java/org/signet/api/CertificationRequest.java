package org.signet.api;

/** A key pair made inside a token ("token/alias") and its PKCS#10 request (PEM) for an outside CA. */
public record CertificationRequest(String key, String certificationRequest) {
}
