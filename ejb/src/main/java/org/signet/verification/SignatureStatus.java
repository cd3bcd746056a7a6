package org.signet.verification;

/** The status of one signature field, numbered as signature pads and their APIs report it. */
public enum SignatureStatus {
    /** 0: the signature is valid and covers the document as it is. */
    VALID,
    /** 1: the signature is valid, but the document was changed afterwards beyond later signatures and validation data. */
    VALID_BUT_CHANGED_AFTERWARDS,
    /** 2: the signature is broken, or its certificate is revoked or untrusted beyond doubt. */
    INVALID,
    /** 3: an empty signature field, waiting for a signer. */
    EMPTY,
    /** 4: the signature could not be checked (missing data, unknown format, no trust anchor). */
    UNKNOWN;

    public int code() {
        return ordinal();
    }
}
