package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.signet.security.SecondFactors;

import java.io.Serializable;
import java.util.Base64;
import java.util.List;

/**
 * The signed-in user's own authenticator (TOTP): enrol one (its secret as a QR code and an otpauth URI, with recovery
 * codes shown once), then confirm it with a first code; from then on signing in asks for a code.
 */
@Named
@ViewScoped
public class AuthenticatorPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient SecondFactors secondFactors;

    private transient SecondFactors.Enrolment enrolment;
    private String code;

    public boolean isConfirmed() {
        String user = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
        return secondFactors.hasAuthenticator(user);
    }

    public void enrol() {
        enrolment = Pages.read(secondFactors::enrol, null);
    }

    public void confirm() {
        String typed = code;
        code = null;
        if (Pages.attempt(() -> secondFactors.confirm(typed))) {
            enrolment = null;
            Pages.info(Pages.text(FacesContext.getCurrentInstance(), "authenticator.confirmed"));
        }
    }

    public boolean isEnrolling() {
        return enrolment != null;
    }

    public String getSecret() {
        return enrolment == null ? null : enrolment.secret();
    }

    public String getUri() {
        return enrolment == null ? null : enrolment.otpauthUri();
    }

    public String getQrCode() {
        return enrolment == null ? null : "data:image/png;base64," + Base64.getEncoder().encodeToString(enrolment.qrCodePng());
    }

    public List<String> getRecoveryCodes() {
        return enrolment == null ? List.of() : enrolment.recoveryCodes();
    }

    public String getCode() {
        return null;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
