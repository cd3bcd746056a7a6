package org.signet.trail;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.signet.model.SignetException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The whole audit trail for an auditor, as CSV in the chain's order (events outside the chain last): every value of
 * every event with its seal and its link, so that the chain can be followed by hand or by another program.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditExport {

    static final String HEADER = "link,link_sha256,event,occurred_at,actor,action,outcome,seal,document_sha256,detail,event_seal\n";

    @Resource(lookup = "java:jboss/datasources/SignetDS")
    private DataSource dataSource;

    /** Writes the trail to {@code out}, read row by row; how many events it wrote. */
    public long write(OutputStream out) {
        long written = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT l.SEQ, l.LINK_HASH, e.ID, e.OCCURRED_AT, e.ACTOR, e.ACTION_NAME,"
                     + " e.OUTCOME, e.SEAL_NAME, e.DOCUMENT_SHA256, e.DETAIL, e.ROW_MAC FROM SIGNET_AUDIT_EVENT e"
                     + " LEFT JOIN SIGNET_AUDIT_CHAIN l ON l.EVENT_ID = e.ID ORDER BY CASE WHEN l.SEQ IS NULL THEN 1 ELSE 0 END, l.SEQ, e.ID")) {
            query.setFetchSize(1000);
            Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            csv.write(HEADER);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long link = rows.getLong(1);
                    csv.write(rows.wasNull() ? "" : Long.toString(link));
                    for (int column = 2; column <= 11; column++) {
                        csv.write(',');
                        csv.write(column == 4 ? rows.getTimestamp(4).toLocalDateTime().toString() : field(rows.getString(column)));
                    }
                    csv.write('\n');
                    written++;
                }
            }
            csv.flush();
            return written;
        } catch (SQLException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the audit trail cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away
        }
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
