package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.signet.model.SignetException;
import org.signet.security.SecondFactors;

/**
 * The sign-in page: the container checks the password (Signet's realm, with its lock-out), then Signet the one-time
 * code of a user with an authenticator. One answer for every failure, so that the page tells nobody which names exist
 * or which step failed (the audit log says); a failure answers 401, which the server's per-address throttle counts.
 */
@Named
@RequestScoped
public class SignIn {

    @EJB
    private SecondFactors secondFactors;

    private String user;
    private String password;
    private String oneTimeCode;

    public String signIn() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        try {
            if (request.getUserPrincipal() != null) {
                request.logout();
            }
            request.login(user, password);
        } catch (ServletException e) {
            return refused(faces);
        } finally {
            password = null;
        }
        try {
            secondFactors.signIn(oneTimeCode);
        } catch (SignetException e) {
            signOutQuietly(request);
            return refused(faces);
        }
        request.changeSessionId();
        external.getSessionMap().put(SignInRequired.SIGNED_IN, request.getUserPrincipal().getName());
        String asked = SignInRequired.returnTo(request);
        if (asked != null) {
            try {
                external.redirect(asked);
                return null;
            } catch (java.io.IOException e) {
                // the home page, as without a page asked for
            }
        }
        return "/console/index.xhtml?faces-redirect=true";
    }

    public String signOut() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        signOutQuietly((HttpServletRequest) external.getRequest());
        external.invalidateSession();
        return SignInRequired.PAGE + "?faces-redirect=true";
    }

    private static String refused(FacesContext faces) {
        faces.getExternalContext().setResponseStatus(401);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Pages.text(faces, "signIn.refused"), null));
        return null;
    }

    private static void signOutQuietly(HttpServletRequest request) {
        try {
            request.logout();
        } catch (ServletException e) {
            // the session is dropped with it
        }
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getOneTimeCode() {
        return null;
    }

    public void setOneTimeCode(String oneTimeCode) {
        this.oneTimeCode = oneTimeCode;
    }
}
