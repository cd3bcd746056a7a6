package org.signet.hotfolder;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The batch ledger's table as EclipseLink makes it: one index, the key, with the batch first. Without the explicit
 * column order EclipseLink put the file name first, and every look-up of a batch (whether it resumes, its counts, its
 * report) read the whole table.
 */
class BatchItemSchemaTest {

    @Test
    void theKeyIsTheOnlyIndexAndLeadsWithTheBatch() throws Exception {
        EntityManagerFactory factory = Persistence.createEntityManagerFactory("batch-ledger-schema");
        try {
            factory.createEntityManager().close(); // deploys the unit, which creates the table
            try (Connection connection = DriverManager.getConnection("jdbc:derby:memory:batch-ledger-schema")) {
                List<String> key = new ArrayList<>(List.of("", ""));
                try (ResultSet columns = connection.getMetaData().getPrimaryKeys(null, null, "SIGNET_BATCH_FILE")) {
                    while (columns.next()) {
                        key.set(columns.getInt("KEY_SEQ") - 1, columns.getString("COLUMN_NAME"));
                    }
                }
                assertEquals(List.of("BATCH_ID", "FILE_NAME"), key);

                Set<String> indexes = new TreeSet<>();
                try (ResultSet index = connection.getMetaData().getIndexInfo(null, null, "SIGNET_BATCH_FILE", false, false)) {
                    while (index.next()) {
                        indexes.add(index.getString("INDEX_NAME"));
                    }
                }
                assertEquals(1, indexes.size(), "indexes: " + indexes);
            }
        } finally {
            factory.close();
        }
    }
}
