package org.signet.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema 9: the batch ledger leaves SIGNET_BATCH_ITEM (a key joined from batch id and file name, and a second index
 * by batch and status) for SIGNET_BATCH_FILE, keyed by batch and file name. One transaction: a start that fails
 * half-way leaves the old table as it was, and the next start moves it again. Plain SQL Derby and PostgreSQL share.
 */
final class BatchLedgerMove {

    static final String OLD_TABLE = "SIGNET_BATCH_ITEM";
    static final String NEW_TABLE = "SIGNET_BATCH_FILE";

    private static final String COLUMNS = "BATCH_ID, FILE_NAME, STATUS, OUTPUT_NAME, OUTPUT_SHA256, ERROR_TEXT";

    private BatchLedgerMove() { }

    /** Copies every entry into the new table and drops the old one; returns the number of entries moved. */
    static int run(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            int moved = statement.executeUpdate("INSERT INTO " + NEW_TABLE + " (" + COLUMNS + ") SELECT " + COLUMNS
                    + " FROM " + OLD_TABLE);
            statement.executeUpdate("DROP TABLE " + OLD_TABLE);
            connection.commit();
            return moved;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
