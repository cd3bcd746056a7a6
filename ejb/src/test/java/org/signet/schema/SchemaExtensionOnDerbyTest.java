package org.signet.schema;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link SchemaExtensionContract} on Derby, the embedded default database (in memory). */
class SchemaExtensionOnDerbyTest extends SchemaExtensionContract {

    @Override
    String emptyDatabase() {
        return "jdbc:derby:memory:schema-" + UUID.randomUUID() + ";create=true";
    }

    @Override
    String uniqueConstraint(Connection connection, String table) throws SQLException {
        return one(connection, "SELECT c.CONSTRAINTNAME FROM SYS.SYSCONSTRAINTS c JOIN SYS.SYSTABLES t ON c.TABLEID = t.TABLEID"
                + " WHERE t.TABLENAME = ? AND c.TYPE = 'U'", table);
    }

    /** The test's unit must list what the server's lists, or it would test a different schema. */
    @Test
    void theTestUnitListsEveryEntityOfTheServersUnit() throws Exception {
        assertEquals(classes(Path.of("src/main/resources/META-INF/persistence.xml"), "signet"),
                classes(Path.of("src/test/resources/META-INF/persistence.xml"), "signet-schema"));
    }

    private static List<String> classes(Path file, String unit) throws Exception {
        String xml = Files.readString(file);
        int start = xml.indexOf("<persistence-unit name=\"" + unit + "\"");
        String body = xml.substring(start, xml.indexOf("</persistence-unit>", start));
        List<String> classes = new ArrayList<>();
        Matcher listed = Pattern.compile("<class>([^<]+)</class>").matcher(body);
        while (listed.find()) {
            classes.add(listed.group(1));
        }
        return classes;
    }
}
