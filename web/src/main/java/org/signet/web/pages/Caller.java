package org.signet.web.pages;

import jakarta.inject.Inject;
import org.signet.config.SignetConfiguration;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.signet.config.SignetConfiguration;

/** Who is signed in, for the page frame: the name and whether the admin pages are offered (the services check again). */
@Named
@RequestScoped
public class Caller {

    @Inject
    private SignetConfiguration configuration;

    public String getName() {
        var principal = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    public boolean isAdmin() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("admin");
    }

    /** Whether persons here link credentials of remote signature services to their personal seal. */
    public boolean isLinksRemoteCredentials() {
        return !configuration.personClients().isEmpty();
    }

    public boolean isAuditor() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("auditor");
    }
}
