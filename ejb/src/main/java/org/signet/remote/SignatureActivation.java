package org.signet.remote;

import java.time.Instant;
import java.util.Set;

/**
 * Signature activation data (CSC "SAD") as Signet keeps it: who may use it, for which seal, for how many signatures,
 * until when, and for a seal of sole control (SCAL2) the only hashes it may sign (hex).
 *
 * @param hashes null when any hash may be signed (SCAL1)
 */
public record SignatureActivation(String caller, String seal, Set<String> hashes, int signatures, Instant expires) { }
