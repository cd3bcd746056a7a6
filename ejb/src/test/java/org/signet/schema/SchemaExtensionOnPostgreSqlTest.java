package org.signet.schema;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@link SchemaExtensionContract} on PostgreSQL, the production database, on a server of the test's own. (EclipseLink
 * 4.0.9 could not create the tables with identity columns there: {@link SchemaExtension} writes their clause.)
 */
class SchemaExtensionOnPostgreSqlTest extends SchemaExtensionContract {

    private static ThrowawayPostgreSql server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ThrowawayPostgreSql.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    String emptyDatabase() throws Exception {
        return server.newDatabase();
    }

    @Override
    String uniqueConstraint(Connection connection, String table) throws SQLException {
        return one(connection, "SELECT constraint_name FROM information_schema.table_constraints"
                + " WHERE table_name = lower(?) AND constraint_type = 'UNIQUE'", table);
    }
}
