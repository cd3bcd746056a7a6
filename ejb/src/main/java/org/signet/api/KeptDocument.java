package org.signet.api;

/** An archived document brought back to the archive store: its SHA-256 and how many archive entries it is. */
public record KeptDocument(String sha256, int entries) {
}
