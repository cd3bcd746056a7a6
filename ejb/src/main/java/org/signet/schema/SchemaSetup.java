package org.signet.schema;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.persistence.jpa.JpaEntityManager;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Creates Signet's tables in an empty database and extends them when a newer Signet needs more ({@link SchemaExtension});
 * leaves them alone otherwise. (EclipseLink's create-or-extend at every deployment re-issues existing constraints
 * and logs each refusal with a stack trace, which is noise an operator should not have to read.)
 * Runs outside any transaction: Derby's DDL must not wait for locks held by the caller's transaction.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaSetup {

    /** Raise when an entity gains a column or a table; the next start then extends the schema. */
    static final int CURRENT = 29; // 2: SIGNET_TIME_STAMP, 3: SIGNET_REVOKED_CERTIFICATE, 4: PKCS#11 slot, pools, key usage,
                                 // 5: credential aliases, card PIN modes and activation limits, 6: hot folders and batches,
                                 // 7: index of batch items by batch, 8: hot folders set in the configuration,
                                 // 9: batch ledger keyed by batch and file (SIGNET_BATCH_ITEM moves to SIGNET_BATCH_FILE),
                                 // 10: the archive's journal and sealed trees, 11: their time-stamp renewals,
                                 // 12: archiving switched per seal and per hot folder, entries' batches, XML renewals,
                                 // 13: the heads of the archive's log, 14: documents kept per seal and per hot folder
                                 // 15: the audit chain: events sealed (ROW_MAC), links and time-stamped checkpoints
                                 // 16: authenticators (TOTP) and the seals that require them, 17: seals bound to computers and hours,
                                 // 18: users' kind (person or process), groups with members and roles,
                                 // 19: batches confirmed by a person, personal certificates (a seal's owner),
                                 // 20: bearer tokens, 21: tokens of remote signature services (CSC),
                                 // 22: hash-tree renewals of the archive and the chains of time-stamp renewals,
                                 // 23: seals that require an OAuth2 token scope, 24: users' TLS client certificates and
                                 // the seals that require one, 25: workflows, their steps, the mail outbox, users' e-mail addresses,
                                 // 26: hot folders that start workflows (a template, no seal),
                                 // 27: groups that mirror a directory group, users' client certificates by subject and issuer,
                                 //     people's full names from the directory, 28: remote signature services logged in to with OAuth 2.0,
                                 // 29: workflow steps signed by the link alone

    private static final Logger LOG = Logger.getLogger(SchemaSetup.class.getName());

    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @Resource(lookup = "java:jboss/datasources/SignetDS")
    private DataSource dataSource;

    public void prepare() {
        boolean empty = !tableExists("SIGNET_SCHEMA");
        int stored = empty ? 0 : storedVersion();
        if (stored > CURRENT) {
            throw new IllegalStateException("the database holds Signet schema version " + stored
                    + ", newer than this Signet (" + CURRENT + "); start the newer Signet or restore a backup");
        }
        if (stored == CURRENT) {
            return;
        }
        List<String> added;
        try (Connection connection = dataSource.getConnection()) {
            added = SchemaExtension.extend(em.unwrap(JpaEntityManager.class).getServerSession(), connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Signet cannot read its database schema: " + e.getMessage(), e);
        }
        if (tableExists(BatchLedgerMove.OLD_TABLE)) {
            moveBatchLedger();
        }
        recordVersion(stored);
        LOG.info(empty ? "Signet created its database schema, version " + CURRENT
                : "Signet extended its database schema from version " + stored + " to " + CURRENT + ": " + String.join(", ", added));
    }

    // Plain JDBC: this bean runs outside a transaction, where the connection commits each statement itself.
    private int storedVersion() {
        try (Connection c = dataSource.getConnection();
             var query = c.prepareStatement("SELECT VERSION FROM SIGNET_SCHEMA WHERE ID = ?")) {
            query.setInt(1, SchemaVersion.ID);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Signet cannot read its schema version: " + e.getMessage(), e);
        }
    }

    private void recordVersion(int previous) {
        String sql = previous == 0 ? "INSERT INTO SIGNET_SCHEMA (VERSION, ID) VALUES (?, ?)"
                : "UPDATE SIGNET_SCHEMA SET VERSION = ? WHERE ID = ?";
        try (Connection c = dataSource.getConnection(); var update = c.prepareStatement(sql)) {
            update.setInt(1, CURRENT);
            update.setInt(2, SchemaVersion.ID);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Signet cannot record its schema version: " + e.getMessage(), e);
        }
    }

    private void moveBatchLedger() {
        try (Connection c = dataSource.getConnection()) {
            int moved = BatchLedgerMove.run(c);
            LOG.info("Signet moved " + moved + " batch ledger entries to " + BatchLedgerMove.NEW_TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Signet cannot move its batch ledger to schema " + CURRENT + ": " + e.getMessage(), e);
        }
    }

    /** In the connection's current schema, where {@link SchemaExtension} makes the tables, not in any other. */
    private boolean tableExists(String name) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String candidate : new String[] {name, name.toLowerCase(Locale.ROOT)}) {
                try (ResultSet tables = meta.getTables(null, connection.getSchema(), candidate, new String[] {"TABLE"})) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("Signet cannot read its database's tables: " + e.getMessage(), e);
        }
    }
}
