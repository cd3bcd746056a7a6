package org.signet.schema;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.eclipse.persistence.internal.sessions.DatabaseSessionImpl;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.signet.audit.AuditEvent;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema built and extended by {@link SchemaExtension}, with every entity of the server's unit, on each database
 * Signet supports (a subclass each): an empty database gets everything, an older one exactly what it lacks, none of it
 * logs a warning (EclipseLink's own extension logged a stack trace for every constraint that existed already), and the
 * entities are stored in the tables made.
 */
abstract class SchemaExtensionContract {

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    };
    private EntityManagerFactory factory;
    private DatabaseSessionImpl session;
    private Connection connection;

    /** The JDBC URL of a new, empty database. */
    abstract String emptyDatabase() throws Exception;

    /** The name of the table's one unique constraint, from the database's catalogue (JDBC's metadata has none). */
    abstract String uniqueConstraint(Connection connection, String table) throws SQLException;

    static String one(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), sql);
                return row.getString(1);
            }
        }
    }

    @BeforeEach
    void openEmptyDatabase() throws Exception {
        String url = emptyDatabase();
        factory = Persistence.createEntityManagerFactory("signet-schema", Map.of("jakarta.persistence.jdbc.url", url));
        session = factory.createEntityManager().unwrap(JpaEntityManager.class).getServerSession();
        connection = DriverManager.getConnection(url);
        Logger.getLogger("org.eclipse.persistence").addHandler(collector);
    }

    @AfterEach
    void close() throws SQLException {
        Logger.getLogger("org.eclipse.persistence").removeHandler(collector);
        connection.close();
        factory.close();
    }

    @Test
    void anEmptyDatabaseGetsTheWholeSchemaAndASecondRunAddsNothing() throws Exception {
        List<String> added = SchemaExtension.extend(session, connection);
        assertTrue(added.contains("table SIGNET_BATCH_FILE"), added.toString());
        assertTrue(added.stream().anyMatch(line -> line.startsWith("foreign key ") && line.endsWith(" on SIGNET_SEAL_FORMAT")), added.toString());
        assertTrue(added.stream().anyMatch(line -> line.startsWith("unique key on SIGNET_SEAL_AUTHORISATION")), added.toString());
        assertEquals(List.of(), SchemaExtension.extend(session, connection));
        assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void anOlderSchemaGetsExactlyWhatItLacks() throws Exception {
        SchemaExtension.extend(session, connection);
        String foreignKey = foreignKey("SIGNET_SEAL_FORMAT");
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE SIGNET_SEAL_FORMAT DROP CONSTRAINT " + foreignKey);
            statement.execute("ALTER TABLE SIGNET_SEAL_AUTHORISATION DROP CONSTRAINT " + uniqueConstraint(connection, "SIGNET_SEAL_AUTHORISATION"));
            statement.execute("ALTER TABLE SIGNET_HOT_FOLDER DROP COLUMN FILE_FILTER");
            statement.execute("DROP TABLE SIGNET_BATCH_FILE");
            // schema 25 and older: every hot folder had a seal
            statement.execute("ALTER TABLE SIGNET_HOT_FOLDER ALTER COLUMN SEAL " + (session.getPlatform().isPostgreSQL() ? "SET NOT NULL" : "NOT NULL"));
        }

        List<String> added = SchemaExtension.extend(session, connection);
        assertEquals(Set.of("table SIGNET_BATCH_FILE", "column SIGNET_HOT_FOLDER.FILE_FILTER", "column SIGNET_HOT_FOLDER.SEAL allowed to be empty",
                "foreign key " + foreignKey
                + " on SIGNET_SEAL_FORMAT", "unique key on SIGNET_SEAL_AUTHORISATION [SEAL_NAME, PRINCIPAL_KIND, PRINCIPAL_NAME]"),
                new TreeSet<>(added), added.toString());
        assertEquals(foreignKey, foreignKey("SIGNET_SEAL_FORMAT"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT FILE_FILTER FROM SIGNET_HOT_FOLDER");
            statement.execute("SELECT BATCH_ID, FILE_NAME FROM SIGNET_BATCH_FILE");
            statement.execute("INSERT INTO SIGNET_HOT_FOLDER (NAME, ROOT_DIR, OUT_DIR, ERROR_DIR, FORMAT, SIG_LEVEL, RUN_AS, APPROVAL_FILE,"
                    + " READY_FILE, KEEP_ORIGINALS, WORKFLOW_TEMPLATE) VALUES ('contracts', '/in', '/out', '/error', 'PADES', 'B', 'clerk',"
                    + " 'APPROVED', 'READY', " + (session.getPlatform().isPostgreSQL() ? "false" : "0") + ", 'two-signers')");
        }
        assertEquals(List.of(), SchemaExtension.extend(session, connection));
        assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void entitiesWithIdentityColumnsAreStoredAndNumbered() throws Exception {
        SchemaExtension.extend(session, connection);
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            AuditEvent first = new AuditEvent(Instant.now(), "tester", AuditEvent.Action.SIGN, AuditEvent.Outcome.SUCCESS, null, null, "one");
            AuditEvent second = new AuditEvent(Instant.now(), "tester", AuditEvent.Action.SIGN, AuditEvent.Outcome.SUCCESS, null, null, "two");
            em.persist(first);
            em.persist(second);
            em.getTransaction().commit();
            long one = (Long) factory.getPersistenceUnitUtil().getIdentifier(first);
            long two = (Long) factory.getPersistenceUnitUtil().getIdentifier(second);
            assertTrue(one > 0 && two > 0 && one != two, one + ", " + two);
        } finally {
            em.close();
        }
        assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void aStatementThatFailsStopsWithWhatItWasAdding() throws Exception {
        SchemaExtension.extend(session, connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE SIGNET_BATCH_FILE");
            statement.execute("CREATE VIEW SIGNET_BATCH_FILE AS SELECT NAME FROM SIGNET_SEAL"); // the name is taken
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SchemaExtension.extend(session, connection));
        assertTrue(refused.getMessage().startsWith("Signet cannot add the table SIGNET_BATCH_FILE to its database schema: "),
                refused.getMessage());
        // EclipseLink logs the refused statement: the collector hears it, so the other tests' silence means something.
        assertFalse(warnings.isEmpty(), "EclipseLink's warnings do not reach the test's collector");
    }

    /** The name of the table's one foreign key, in upper case (PostgreSQL keeps names in lower case). */
    private String foreignKey(String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String stored = meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        try (ResultSet keys = meta.getImportedKeys(null, connection.getSchema(), stored)) {
            assertTrue(keys.next(), "no foreign key on " + table);
            return keys.getString("FK_NAME").toUpperCase(Locale.ROOT);
        }
    }
}
