package org.signet.timestamp;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.signet.schema.RetriedTransaction;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time-stamping authority's log ({@link IssuedTimeStamp}), written before a token is signed: the row's identity is
 * the token's serial number. Each row commits in a transaction of its own, run again when concurrent requests met on the
 * identity column ({@link RetriedTransaction}); a token issued is logged even when the signing that asked for it fails.
 */
@Stateless
@PermitAll
public class TimeStampLog {

    private static final String INSERT = "INSERT INTO SIGNET_TIME_STAMP (ISSUED_AT, REQUESTER, POLICY, HASH_ALGORITHM, MESSAGE_IMPRINT)"
            + " VALUES (?, ?, ?, ?, ?)";

    @Resource(lookup = "java:jboss/datasources/SignetDS")
    private DataSource dataSource;

    /** Logs a token about to be issued; returns its serial number. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long enter(Instant issuedAt, String requester, String policy, String hashAlgorithm, String messageImprint) {
        AtomicLong serial = new AtomicLong();
        try {
            RetriedTransaction.run(dataSource::getConnection, connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                    insert.setTimestamp(1, Timestamp.from(issuedAt));
                    insert.setString(2, requester);
                    insert.setString(3, policy);
                    insert.setString(4, hashAlgorithm);
                    insert.setString(5, messageImprint);
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        if (!keys.next()) {
                            throw new SQLException("the database returned no serial number");
                        }
                        // Derby answers with the identity alone; PostgreSQL with the whole row, the identity as "id".
                        serial.set(keys.getMetaData().getColumnCount() == 1 ? keys.getLong(1) : keys.getLong("id"));
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("the time-stamping authority's log could not be written: " + e.getMessage(), e);
        }
        return serial.get();
    }
}
