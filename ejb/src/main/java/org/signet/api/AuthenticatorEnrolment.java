package org.signet.api;

import org.signet.security.SecondFactors;

import java.util.Base64;
import java.util.List;

/**
 * A new authenticator, shown once: its secret (Base32), as an otpauth URI and as that URI's QR code (a PNG, Base64), and
 * ten recovery codes.
 */
public record AuthenticatorEnrolment(String secret, String otpauthUri, String qrCodePng, List<String> recoveryCodes) {

    public static AuthenticatorEnrolment of(SecondFactors.Enrolment enrolment) {
        return new AuthenticatorEnrolment(enrolment.secret(), enrolment.otpauthUri(),
                Base64.getEncoder().encodeToString(enrolment.qrCodePng()), enrolment.recoveryCodes());
    }
}
