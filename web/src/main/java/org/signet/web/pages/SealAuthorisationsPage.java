package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.signet.admin.SealAdministration;
import org.signet.model.SignetException;
import org.signet.seal.SealAuthorisation;

import java.io.Serializable;
import java.util.List;

/**
 * Who may use a seal: an admin picks a seal and adds or withdraws users, groups and roles, from the next request on,
 * without touching the seal's key or card.
 */
@Named
@ViewScoped
public class SealAuthorisationsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient SealAdministration administration;

    private transient List<String> sealNames;
    private transient SealAdministration.Authorisations authorisations;
    private String seal;
    private String kind = SealAuthorisation.PrincipalKind.USER.name();
    private String principal;

    public void load() {
        if (sealNames == null) {
            try {
                sealNames = administration.sealNames();
            } catch (SignetException e) {
                Pages.refusal(e);
                sealNames = List.of();
            }
        }
    }

    public List<String> getSealNames() {
        load();
        return sealNames;
    }

    public SealAdministration.Authorisations getAuthorisations() {
        if (authorisations == null && seal != null && !seal.isBlank()) {
            try {
                authorisations = administration.authorisations(seal);
            } catch (SignetException e) {
                Pages.refusal(e);
            }
        }
        return authorisations;
    }

    public void authorise() {
        try {
            administration.authorise(seal, kind(), principal);
            principal = null;
            authorisations = null;
        } catch (SignetException e) {
            Pages.refusal(e);
        }
    }

    public void withdraw(String withdrawnKind, String name) {
        try {
            administration.withdraw(seal, SealAuthorisation.PrincipalKind.valueOf(withdrawnKind), name);
            authorisations = null;
        } catch (SignetException e) {
            Pages.refusal(e);
        }
    }

    private SealAuthorisation.PrincipalKind kind() {
        return SealAuthorisation.PrincipalKind.valueOf(kind);
    }

    public List<String> getKinds() {
        return List.of("USER", "GROUP", "ROLE");
    }

    public String getSeal() {
        return seal;
    }

    public void setSeal(String seal) {
        this.seal = seal;
        authorisations = null;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getPrincipal() {
        return principal;
    }

    public void setPrincipal(String principal) {
        this.principal = principal;
    }
}
