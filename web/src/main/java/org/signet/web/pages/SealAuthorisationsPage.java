package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.signet.admin.SealAdministration;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.pki.CertificateAuthority;
import org.signet.seal.SealAuthorisation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seals for an admin: a new seal with a key certified by Signet's CA (or over existing keys); who may use a seal, users,
 * groups and roles added or withdrawn from the next request on without touching the seal's key or card; its conditions
 * (a one-time code with each use, the computers it signs for, its hours); and its certificate revoked.
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
    private String secondFactor;
    private String clients;
    private String hours;
    private String zone;
    private String tokenScope;
    private boolean clientCertificateRequired;
    private String newName;
    private String newDescription;
    private List<String> newFormats = new ArrayList<>(List.of("PADES", "CADES", "XADES")); // Faces fills a list it can make
    private String newLevel = "LTA";
    private String newKeys;
    private String revocationReason = "CESSATION_OF_OPERATION";

    public void load() {
        if (sealNames == null) {
            sealNames = Pages.read(administration::sealNames, List.of());
        }
    }

    public List<String> getSealNames() {
        load();
        return sealNames;
    }

    public SealAdministration.Authorisations getAuthorisations() {
        if (authorisations == null && seal != null && !seal.isBlank()) {
            authorisations = Pages.read(() -> administration.authorisations(seal), null);
        }
        return authorisations;
    }

    public void authorise() {
        authorisations = null;
        if (Pages.attempt(() -> administration.authorise(seal, kind(), principal))) {
            principal = null;
        }
    }

    public void withdraw(String withdrawnKind, String name) {
        authorisations = null;
        Pages.attempt(() -> administration.withdraw(seal, SealAuthorisation.PrincipalKind.valueOf(withdrawnKind), name));
    }

    /**
     * The seal's conditions as typed: second factor, client networks (comma-separated, none: any), hours in a zone, the
     * scope an OAuth2 access token must grant (none: any credentials), whether a TLS client certificate must log in.
     */
    public void saveConditions() {
        authorisations = null;
        boolean anyTime = hours == null || hours.isBlank();
        if (Pages.attempt(() -> {
            administration.setSecondFactor(seal, secondFactor);
            administration.setClients(seal, Pages.list(clients));
            administration.setHours(seal, anyTime ? null : hours, anyTime ? null : zone);
            administration.setTokenScope(seal, tokenScope);
            administration.setClientCertificateRequired(seal, clientCertificateRequired);
        })) {
            Pages.info(seal + ": " + Pages.text(FacesContext.getCurrentInstance(), "seals.conditionsSaved"));
        }
    }

    /** A new seal: over the named keys ("token/alias", comma-separated), or with a new key certified by Signet's CA. */
    public void create() {
        if (Pages.attempt(() -> {
            Set<SignatureFormat> formats = newFormats.stream().map(SignatureFormat::parseForDocuments)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(SignatureFormat.class)));
            List<String> keys = Pages.list(newKeys);
            administration.createSeal(newName, newDescription, formats, SignatureLevel.parse(newLevel), null,
                    keys.isEmpty() ? null : keys, null, null);
        })) {
            Pages.info(newName + ": " + Pages.text(FacesContext.getCurrentInstance(), "seals.created"));
            sealNames = null;
            setSeal(newName);
            newName = null;
            newDescription = null;
            newKeys = null;
        }
    }

    public void revoke() {
        if (Pages.attempt(() -> administration.revokeSeal(seal, CertificateAuthority.RevocationReason.valueOf(revocationReason)))) {
            Pages.info(seal + ": " + Pages.text(FacesContext.getCurrentInstance(), "seals.revoked"));
        }
    }

    public List<String> getRevocationReasons() {
        return Arrays.stream(CertificateAuthority.RevocationReason.values()).map(Enum::name).toList();
    }

    public List<String> getAllFormats() {
        return List.of("PADES", "CADES", "XADES");
    }

    public String getSecondFactor() { return secondFactor; }
    public void setSecondFactor(String secondFactor) { this.secondFactor = secondFactor; }
    public String getClients() { return clients; }
    public void setClients(String clients) { this.clients = clients; }
    public String getHours() { return hours; }
    public void setHours(String hours) { this.hours = hours; }
    public String getZone() { return zone; }
    public void setZone(String zone) { this.zone = zone; }
    public String getTokenScope() { return tokenScope; }
    public void setTokenScope(String tokenScope) { this.tokenScope = tokenScope; }
    public boolean isClientCertificateRequired() { return clientCertificateRequired; }
    public void setClientCertificateRequired(boolean required) { this.clientCertificateRequired = required; }
    public String getNewName() { return newName; }
    public void setNewName(String newName) { this.newName = newName; }
    public String getNewDescription() { return newDescription; }
    public void setNewDescription(String newDescription) { this.newDescription = newDescription; }
    public List<String> getNewFormats() { return newFormats; }
    public void setNewFormats(List<String> newFormats) { this.newFormats = newFormats == null ? new ArrayList<>() : newFormats; }
    public String getNewLevel() { return newLevel; }
    public void setNewLevel(String newLevel) { this.newLevel = newLevel; }
    public String getNewKeys() { return newKeys; }
    public void setNewKeys(String newKeys) { this.newKeys = newKeys; }
    public String getRevocationReason() { return revocationReason; }
    public void setRevocationReason(String revocationReason) { this.revocationReason = revocationReason; }

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
        SealAdministration.Authorisations given = getAuthorisations();
        if (given != null) {
            secondFactor = given.secondFactor();
            clients = String.join(", ", given.clients());
            hours = given.hours();
            zone = given.zone();
            tokenScope = given.tokenScope();
            clientCertificateRequired = given.clientCertificateRequired();
        }
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
