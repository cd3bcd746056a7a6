package org.signet.api;

import org.signet.security.SecondFactors;

import java.util.List;

/** A new authenticator, shown once: its secret (Base32), as an otpauth URI (for a QR code), and ten recovery codes. */
public record AuthenticatorEnrolment(String secret, String otpauthUri, List<String> recoveryCodes) {

    public static AuthenticatorEnrolment of(SecondFactors.Enrolment enrolment) {
        return new AuthenticatorEnrolment(enrolment.secret(), enrolment.otpauthUri(), enrolment.recoveryCodes());
    }
}
