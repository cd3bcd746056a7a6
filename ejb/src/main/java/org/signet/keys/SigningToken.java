package org.signet.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.signet.connector.TokenDefinition;

/**
 * A key store Signet opens at start-up. The secret is not in the database: {@code secretFile} names a file
 * readable only by the server (the PKCS#11 issue moves secrets into an Elytron credential store).
 */
@Entity
@Table(name = "SIGNET_TOKEN")
public class SigningToken {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 16, nullable = false)
    private TokenDefinition.Kind kind;

    @Column(name = "LOCATION", length = 1000, nullable = false)
    private String location;

    @Column(name = "SECRET_FILE", length = 1000)
    private String secretFile;

    /** PKCS#11 only: the slot ID, or "index:N". */
    @Column(name = "SLOT", length = 64)
    private String slot;

    protected SigningToken() { }

    public SigningToken(String name, TokenDefinition.Kind kind, String location, String secretFile) {
        this(name, kind, location, null, secretFile);
    }

    public SigningToken(String name, TokenDefinition.Kind kind, String location, String slot, String secretFile) {
        this.name = name;
        this.kind = kind;
        this.location = location;
        this.slot = slot;
        this.secretFile = secretFile;
    }

    public String slot() { return slot; }

    public String name() { return name; }

    public TokenDefinition.Kind kind() { return kind; }

    public String location() { return location; }

    public String secretFile() { return secretFile; }
}
