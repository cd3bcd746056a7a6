package org.signet.security;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A user's second factor: whether the authenticator was confirmed, the last time step a code was accepted for (a
 * code is accepted once), and the SHA-256 of the recovery codes not used yet. The secret itself is in the credential
 * store, never in the database.
 */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_TOTP")
public class TotpEnrolment {

    @Id
    @Column(name = "USER_NAME", length = 128)
    private String user;

    @Column(name = "CONFIRMED", nullable = false)
    private int confirmed;

    @Column(name = "LAST_STEP", nullable = false)
    private long lastStep;

    @Column(name = "RECOVERY_CODES", length = 1000)
    private String recoveryCodes;

    protected TotpEnrolment() { }

    TotpEnrolment(String user, List<String> recoveryHashes) {
        this.user = user;
        this.recoveryCodes = String.join(",", recoveryHashes);
    }

    public String user() { return user; }

    public boolean confirmed() { return confirmed == 1; }

    void confirm(long step) {
        confirmed = 1;
        lastStep = step;
    }

    long lastStep() { return lastStep; }

    void accepted(long step) { lastStep = step; }

    List<String> recoveryHashes() {
        return recoveryCodes == null || recoveryCodes.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(recoveryCodes.split(",")));
    }

    void recoveryHashes(List<String> left) { recoveryCodes = String.join(",", left); }
}
