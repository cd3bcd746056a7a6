package org.signet.trail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.signet.audit.AuditLink;

import javax.sql.DataSource;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The chain's runs on a real (in-memory Derby) database: what arrived since the head, and a late commit looked back for. */
class AuditChainTest {

    private static final String URL = "jdbc:derby:memory:audit-chain;create=true";

    private AuditChain chain;

    @BeforeEach
    void tables() throws Exception {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE SIGNET_AUDIT_EVENT (ID BIGINT PRIMARY KEY, OCCURRED_AT TIMESTAMP NOT NULL, ROW_MAC VARCHAR(64))");
            s.execute("CREATE TABLE SIGNET_AUDIT_CHAIN (SEQ BIGINT PRIMARY KEY, EVENT_ID BIGINT NOT NULL, LINK_HASH VARCHAR(64) NOT NULL)");
        }
        DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return DriverManager.getConnection(URL);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        chain = new AuditChain();
        Field field = AuditChain.class.getDeclaredField("dataSource");
        field.setAccessible(true);
        field.set(chain, dataSource);
    }

    @AfterEach
    void drop() {
        try {
            DriverManager.getConnection("jdbc:derby:memory:audit-chain;drop=true").close();
        } catch (SQLException expected) {
            // Derby reports a dropped database with an exception
        }
    }

    @Test
    void aRunTakesWhatArrivedAfterTheHeadAndTheLookBackFindsALateCommit() throws Exception {
        event(10);
        event(20);
        event(30);
        assertEquals(3, chain.chain(false), "an empty chain looks over the whole window");
        event(40);
        assertEquals(1, chain.chain(false));
        event(35); // committed after 40 was chained: an id below the head's
        assertEquals(0, chain.chain(false), "a run after the head does not see it");
        assertEquals(1, chain.chain(true), "the look-back does");
        assertEquals(0, chain.chain(true), "nothing is chained twice");
        assertEquals(0, chain.chain());

        List<Long> order = new ArrayList<>();
        byte[] previous = AuditLink.START;
        try (Connection c = DriverManager.getConnection(URL);
             ResultSet links = c.createStatement().executeQuery("SELECT l.SEQ, l.EVENT_ID, l.LINK_HASH, e.ROW_MAC FROM SIGNET_AUDIT_CHAIN l"
                     + " JOIN SIGNET_AUDIT_EVENT e ON e.ID = l.EVENT_ID ORDER BY l.SEQ")) {
            while (links.next()) {
                order.add(links.getLong(2));
                previous = AuditLink.hash(previous, links.getLong(1), links.getLong(2), links.getString(4));
                assertEquals(HexFormat.of().formatHex(previous), links.getString(3), "link " + links.getLong(1));
            }
        }
        assertEquals(List.of(10L, 20L, 30L, 40L, 35L), order);
    }

    private static void event(long id) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL);
             PreparedStatement insert = c.prepareStatement("INSERT INTO SIGNET_AUDIT_EVENT (ID, OCCURRED_AT, ROW_MAC) VALUES (?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now()));
            insert.setString(3, String.format("%064x", id)); // a row seal in hex, as AuditLog writes it
            insert.executeUpdate();
        }
    }
}
