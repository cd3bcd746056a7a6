package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;
import org.signet.admin.PersonalCredentials;

import java.util.List;

/**
 * The signed-in person's credential at a remote signature service: which one the personal seal signs with, and a
 * login at each service the server links credentials of, which makes that service's credential the seal's.
 */
@Named
@RequestScoped
public class RemoteCredentialPage {

    @EJB
    private PersonalCredentials credentials;

    private PersonalCredentials.LinkedCredential linked;

    /** What the last login ended with, said once; and the credential the seal signs with now. */
    public void load() {
        FacesContext faces = FacesContext.getCurrentInstance();
        HttpSession session = (HttpSession) faces.getExternalContext().getSession(false);
        Object outcome = session == null ? null : session.getAttribute(RemoteCredentialLogin.OUTCOME);
        if (outcome instanceof RemoteCredentialLogin.Outcome said) {
            session.removeAttribute(RemoteCredentialLogin.OUTCOME);
            String text = Pages.text(faces, said.key()) + (said.detail() == null ? "" : " " + said.detail());
            faces.addMessage(null, new FacesMessage(said.key().equals("remote.linked") ? FacesMessage.SEVERITY_INFO
                    : FacesMessage.SEVERITY_ERROR, text, null));
        }
        linked = Pages.read(credentials::linked, null);
    }

    public List<String> getServices() {
        return Pages.read(credentials::services, List.of());
    }

    /** Whether the personal seal signs with a remote credential. */
    public boolean isLinked() {
        return linked != null;
    }

    /** Whether Signet holds the person's login for it now (else the person logs in again). */
    public boolean isUsable() {
        return linked != null && linked.subject() != null;
    }

    public String getCredential() {
        return linked == null ? null : linked.credential();
    }

    public String getService() {
        return linked == null ? null : linked.service();
    }

    public String getSubject() {
        return linked == null ? null : linked.subject();
    }

    /** The link a person follows to log in at the service. */
    public String login(String service) {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath() + RemoteCredentialLogin.AUTHORIZE
                + "?service=" + java.net.URLEncoder.encode(service, java.nio.charset.StandardCharsets.UTF_8);
    }
}
