package org.signet.schema;

import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.internal.sessions.DatabaseSessionImpl;
import org.eclipse.persistence.tools.schemaframework.DefaultTableGenerator;
import org.eclipse.persistence.tools.schemaframework.FieldDefinition;
import org.eclipse.persistence.tools.schemaframework.ForeignKeyConstraint;
import org.eclipse.persistence.tools.schemaframework.SchemaManager;
import org.eclipse.persistence.tools.schemaframework.TableDefinition;
import org.eclipse.persistence.tools.schemaframework.UniqueKeyConstraint;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Brings the schema of an older Signet up to its entities: the tables it lacks, the columns it lacks, and the foreign
 * and unique keys it lacks, each looked up first. EclipseLink's own {@code extendDefaultTables} issues every constraint
 * again (and logs each refusal with a stack trace, four at every upgrade) and passes over a column it could not add;
 * here nothing that exists is touched, and a statement that fails stops the start, naming what it was adding.
 * <p>
 * Names are compared without regard to case: Derby keeps unquoted names in upper case, PostgreSQL in lower case.
 * Creating an empty database's schema is the same run, with every table missing.
 */
final class SchemaExtension {

    private final DatabaseSessionImpl session;
    private final Connection connection;
    private final DatabaseMetaData meta;
    private final String schema;

    private SchemaExtension(DatabaseSessionImpl session, Connection connection) throws SQLException {
        this.session = session;
        this.connection = connection;
        this.meta = connection.getMetaData();
        this.schema = connection.getSchema();
    }

    /**
     * Extends the schema of the connection's current schema (auto-commit, outside any transaction).
     *
     * @return what was added, one line each ("table X", "column X.Y", "foreign key F on X", "unique key on X [A, B]")
     * @throws IllegalStateException naming what it was adding and the database's reason
     */
    static List<String> extend(DatabaseSessionImpl session, Connection connection) throws SQLException {
        return new SchemaExtension(session, connection).run();
    }

    private List<String> run() throws SQLException {
        SchemaManager manager = new SchemaManager(session);
        List<TableDefinition> tables = new DefaultTableGenerator(session.getProject(), true).generateDefaultTableCreator()
                .getTableDefinitions();
        List<String> added = new ArrayList<>();
        Map<String, String> existing = tables();
        for (TableDefinition table : tables) {
            manager.buildFieldTypes(table);
            if (session.getPlatform().isPostgreSQL()) {
                standardIdentityColumns(table);
            }
            String stored = existing.get(key(table.getName()));
            if (stored == null) {
                ddl("table " + table.getName(), () -> manager.createObject(table));
                added.add("table " + table.getName());
                continue;
            }
            Set<String> columns = columns(stored);
            Set<String> notNull = notNullColumns(stored);
            for (FieldDefinition field : table.getFields()) {
                if (!columns.contains(key(field.getName()))) {
                    ddl("column " + table.getName() + "." + field.getName(), () -> table.addFieldOnDatabase(session, field));
                    added.add("column " + table.getName() + "." + field.getName());
                } else if (field.shouldAllowNull() && !field.isPrimaryKey() && notNull.contains(key(field.getName()))) {
                    // a column an entity now leaves empty in some rows (a hot folder that starts workflows has no seal)
                    String what = "column " + table.getName() + "." + field.getName() + " allowed to be empty";
                    execute(what, "ALTER TABLE " + table.getName() + " ALTER COLUMN " + field.getName()
                            + (session.getPlatform().isPostgreSQL() ? " DROP NOT NULL" : " NULL"));
                    added.add(what);
                }
            }
        }
        existing = tables();
        for (TableDefinition table : tables) {
            String stored = existing.get(key(table.getName()));
            Set<Set<String>> uniques = uniqueColumnSets(stored);
            for (UniqueKeyConstraint unique : table.getUniqueKeys()) {
                Set<String> columns = new HashSet<>();
                for (Object column : unique.getSourceFields()) {
                    columns.add(key(column.toString()));
                }
                if (!uniques.contains(columns)) {
                    String what = "unique key on " + table.getName() + " " + unique.getSourceFields();
                    execute(what, table.buildUniqueConstraintCreationWriter(session, unique, new StringWriter()).toString());
                    added.add(what);
                }
            }
            Set<String> foreignKeys = foreignKeyNames(stored);
            for (ForeignKeyConstraint foreignKey : table.getForeignKeys()) {
                if (!foreignKeys.contains(key(foreignKey.getName()))) {
                    String what = "foreign key " + foreignKey.getName() + " on " + table.getName();
                    execute(what, table.buildConstraintCreationWriter(session, foreignKey, new StringWriter()).toString());
                    added.add(what);
                }
            }
        }
        return added;
    }

    /**
     * EclipseLink 4.0.9 writes an identity column for PostgreSQL as "BIGINT SERIAL", which PostgreSQL refuses
     * (eclipse-ee4j/eclipselink#2616, fixed after 4.0.9): the standard clause instead, which PostgreSQL has had since 10
     * and whose values EclipseLink reads back with lastval() as it would a serial's.
     */
    private static void standardIdentityColumns(TableDefinition table) {
        for (FieldDefinition field : table.getFields()) {
            if (field.isIdentity() && field.getTypeDefinition() == null) {
                String type = field.getType() == Integer.class || field.getType() == int.class ? "INTEGER" : "BIGINT";
                field.setTypeDefinition(type + " GENERATED BY DEFAULT AS IDENTITY NOT NULL");
            }
        }
    }

    /** The tables of the schema: upper-case name to the name as the database stores it. */
    private Map<String, String> tables() throws SQLException {
        Map<String, String> names = new HashMap<>();
        try (ResultSet rows = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                names.put(key(rows.getString("TABLE_NAME")), rows.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    private Set<String> columns(String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rows = meta.getColumns(null, schema, table, "%")) {
            while (rows.next()) {
                names.add(key(rows.getString("COLUMN_NAME")));
            }
        }
        return names;
    }

    private Set<String> notNullColumns(String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rows = meta.getColumns(null, schema, table, "%")) {
            while (rows.next()) {
                if (rows.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls) {
                    names.add(key(rows.getString("COLUMN_NAME")));
                }
            }
        }
        return names;
    }

    private Set<String> foreignKeyNames(String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rows = meta.getImportedKeys(null, schema, table)) {
            while (rows.next()) {
                if (rows.getString("FK_NAME") != null) {
                    names.add(key(rows.getString("FK_NAME")));
                }
            }
        }
        return names;
    }

    /** Column sets of the table's unique indexes: a unique constraint's index has a name of the database's choosing. */
    private Set<Set<String>> uniqueColumnSets(String table) throws SQLException {
        Map<String, Set<String>> indexes = new TreeMap<>();
        try (ResultSet rows = meta.getIndexInfo(null, schema, table, true, false)) {
            while (rows.next()) {
                if (rows.getString("INDEX_NAME") != null && rows.getString("COLUMN_NAME") != null) {
                    indexes.computeIfAbsent(rows.getString("INDEX_NAME"), name -> new HashSet<>()).add(key(rows.getString("COLUMN_NAME")));
                }
            }
        }
        return new HashSet<>(indexes.values());
    }

    private void execute(String what, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Signet cannot change its database schema: " + what + " (" + sql + "): "
                    + e.getMessage(), e);
        }
    }

    private static void ddl(String what, Runnable statement) {
        try {
            statement.run();
        } catch (DatabaseException e) {
            throw new IllegalStateException("Signet cannot add the " + what + " to its database schema: "
                    + (e.getInternalException() != null ? e.getInternalException().getMessage() : e.getMessage()), e);
        }
    }

    private static String key(String name) {
        return name.replace("\"", "").toUpperCase(Locale.ROOT);
    }
}
