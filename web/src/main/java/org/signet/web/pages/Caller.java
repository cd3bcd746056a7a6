package org.signet.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/** Who is signed in, for the page frame: the name and whether the admin pages are offered (the services check again). */
@Named
@RequestScoped
public class Caller {

    public String getName() {
        var principal = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    public boolean isAdmin() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("admin");
    }

    public boolean isAuditor() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("auditor");
    }
}
