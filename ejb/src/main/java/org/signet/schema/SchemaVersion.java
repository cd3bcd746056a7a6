package org.signet.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one row that says which version of Signet's schema the database holds. */
@Entity
@Table(name = "SIGNET_SCHEMA")
public class SchemaVersion {

    static final int ID = 1;

    @Id
    @Column(name = "ID")
    private int id = ID;

    @Column(name = "VERSION", nullable = false)
    private int version;

    protected SchemaVersion() { }

    SchemaVersion(int version) {
        this.version = version;
    }

    int version() { return version; }

    void upgradeTo(int version) { this.version = version; }
}
