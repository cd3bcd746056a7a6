package org.signet.archive;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.schema.RetriedTransaction;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Enters signed outputs into the archive in the transaction that writes their audit events: entering costs the
 * signing path one more batched insert, no commit of its own. The transaction is a local one, run again when the
 * database rolled it back over a lock ({@link RetriedTransaction}).
 */
@Stateless
@PermitAll
public class ArchiveJournal {

    @Resource(lookup = "java:jboss/datasources/SignetDS")
    private DataSource dataSource;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void record(List<AuditEvent> events, List<ArchiveEntry.New> entries) {
        try {
            RetriedTransaction.run(dataSource::getConnection, connection -> {
                AuditLog.insert(connection, events);
                if (!entries.isEmpty()) {
                    try (PreparedStatement insert = connection.prepareStatement(ArchiveEntry.INSERT)) {
                        for (ArchiveEntry.New entry : entries) {
                            entry.bind(insert);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("the audit trail and the archive could not be written: " + e.getMessage(), e);
        }
    }
}
