package org.signet.schema;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema-9 step on an in-memory Derby holding the tables as schema 8 and EclipseLink's extension leave them. */
class BatchLedgerMoveTest {

    private Connection connection;

    @BeforeEach
    void schema8() throws SQLException {
        connection = DriverManager.getConnection("jdbc:derby:memory:move-" + System.nanoTime() + ";create=true");
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE SIGNET_BATCH_ITEM (ID VARCHAR(400) NOT NULL PRIMARY KEY, BATCH_ID VARCHAR(64) NOT NULL,"
                    + " FILE_NAME VARCHAR(255) NOT NULL, STATUS VARCHAR(16) NOT NULL, OUTPUT_NAME VARCHAR(300),"
                    + " OUTPUT_SHA256 VARCHAR(64), ERROR_TEXT VARCHAR(2000))");
            s.executeUpdate("CREATE INDEX SIGNET_BATCH_ITEM_BATCH ON SIGNET_BATCH_ITEM (BATCH_ID, STATUS)");
            s.executeUpdate("INSERT INTO SIGNET_BATCH_ITEM VALUES ('b1/a.pdf', 'b1', 'a.pdf', 'SIGNED', 'a.pdf', 'ab12', NULL),"
                    + " ('b1/b.pdf', 'b1', 'b.pdf', 'FAILED', NULL, NULL, 'not a PDF'), ('b2/a.pdf', 'b2', 'a.pdf', 'WRITING', 'a.pdf', NULL, NULL)");
            s.executeUpdate("CREATE TABLE SIGNET_BATCH_FILE (BATCH_ID VARCHAR(64) NOT NULL, FILE_NAME VARCHAR(255) NOT NULL,"
                    + " STATUS VARCHAR(16) NOT NULL, OUTPUT_NAME VARCHAR(300), OUTPUT_SHA256 VARCHAR(64), ERROR_TEXT VARCHAR(2000),"
                    + " PRIMARY KEY (BATCH_ID, FILE_NAME))");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void everyEntryMovesWithItsStateAndTheOldTableGoes() throws SQLException {
        assertEquals(3, BatchLedgerMove.run(connection));

        assertEquals(List.of("b1|a.pdf|SIGNED|a.pdf|ab12|null", "b1|b.pdf|FAILED|null|null|not a PDF",
                "b2|a.pdf|WRITING|a.pdf|null|null"), rows("SELECT * FROM SIGNET_BATCH_FILE ORDER BY BATCH_ID, FILE_NAME"));
        assertTrue(connection.getAutoCommit(), "the connection is handed back as it came");
        assertThrows(SQLException.class, () -> rows("SELECT * FROM SIGNET_BATCH_ITEM"));
    }

    @Test
    void aMoveThatFailsLeavesTheOldLedgerWhole() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("INSERT INTO SIGNET_BATCH_FILE VALUES ('b2', 'a.pdf', 'SIGNED', 'a.pdf', NULL, NULL)");
        }

        assertThrows(SQLException.class, () -> BatchLedgerMove.run(connection));

        assertEquals(3, rows("SELECT * FROM SIGNET_BATCH_ITEM").size());
        assertEquals(1, rows("SELECT * FROM SIGNET_BATCH_FILE").size());
    }

    private List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    values.add(String.valueOf(r.getString(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
