package org.signet.seal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** Lets one user, every member of a group, or everyone holding a role sign with one seal. */
@Entity
@Table(name = "SIGNET_SEAL_AUTHORISATION",
        uniqueConstraints = @UniqueConstraint(columnNames = {"SEAL_NAME", "PRINCIPAL_KIND", "PRINCIPAL_NAME"}))
public class SealAuthorisation {

    public enum PrincipalKind { USER, GROUP, ROLE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    @Column(name = "SEAL_NAME", length = 64, nullable = false)
    private String sealName;

    @Enumerated(EnumType.STRING)
    @Column(name = "PRINCIPAL_KIND", length = 8, nullable = false)
    private PrincipalKind principalKind;

    @Column(name = "PRINCIPAL_NAME", length = 128, nullable = false)
    private String principalName;

    protected SealAuthorisation() { }

    public SealAuthorisation(String sealName, PrincipalKind kind, String principalName) {
        this.sealName = sealName;
        this.principalKind = kind;
        this.principalName = principalName;
    }

    public PrincipalKind principalKind() { return principalKind; }

    public String principalName() { return principalName; }
}
