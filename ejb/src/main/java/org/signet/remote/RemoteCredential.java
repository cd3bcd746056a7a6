package org.signet.remote;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A seal as a remote signature credential: its certificate chain and key, whether it can sign now, and its sole
 * control assurance level (2 when a person's one-time code binds each activation to its hashes, else 1).
 */
public record RemoteCredential(String id, String description, List<X509Certificate> chain, String keyAlgorithm, int keyLength,
                               boolean enabled, int scal, int multisign) { }
