package org.signet.elytron;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.InvalidNameException;
import javax.naming.NamingException;
import javax.naming.ldap.LdapName;
import javax.sql.DataSource;

/** Reads Signet's user and group tables (a user's roles are its own and its groups') through the server's data source, looked up when first needed. */
final class JdbcUserStore implements UserStore {

    private final String dataSourceName;
    private volatile DataSource dataSource;

    JdbcUserStore(String dataSourceName) {
        this.dataSourceName = dataSourceName;
    }

    /** The store of the {@code data-source} (a JNDI name) a custom Elytron component was configured with. */
    static JdbcUserStore configured(Map<String, String> configuration, String component) {
        String dataSource = configuration.get("data-source");
        if (dataSource == null || dataSource.isBlank()) {
            throw new IllegalArgumentException(component + " needs the configuration data-source (a JNDI name)");
        }
        return new JdbcUserStore(dataSource);
    }

    @Override
    public User find(String name) throws StoreUnavailableException {
        try (Connection c = dataSource().getConnection()) {
            return find(c, name);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read user '" + name + "'", e);
        }
    }

    private static User find(Connection c, String name) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT PASSWORD_HASH, ENABLED FROM SIGNET_USER WHERE NAME = ?")) {
            q.setString(1, name);
            try (ResultSet row = q.executeQuery()) {
                return row.next() ? new User(name, row.getString(1), row.getInt(2) == 1) : null;
            }
        }
    }

    @Override
    public Set<String> roles(String name) throws StoreUnavailableException {
        try (Connection c = dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT ROLE_NAME FROM SIGNET_USER_ROLE WHERE USER_NAME = ? UNION "
                     + "SELECT r.ROLE_NAME FROM SIGNET_GROUP_ROLE r JOIN SIGNET_GROUP_MEMBER m ON m.GROUP_NAME = r.GROUP_NAME"
                     + " WHERE m.MEMBER_NAME = ?")) {
            q.setString(1, name);
            q.setString(2, name);
            Set<String> roles = new HashSet<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    roles.add(rows.getString(1));
                }
            }
            return roles;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the roles of '" + name + "'", e);
        }
    }

    @Override
    public String tokenHolder(String tokenSha256, Instant now) throws StoreUnavailableException {
        return holder("SELECT USER_NAME FROM SIGNET_ACCESS_TOKEN WHERE TOKEN_SHA256 = ? AND EXPIRES_AT > ?", "the bearer tokens",
                tokenSha256, Timestamp.from(now));
    }

    @Override
    public String certificateHolder(String certificateSha256) throws StoreUnavailableException {
        return holder("SELECT NAME FROM SIGNET_USER WHERE CLIENT_CERTIFICATE = ?", "the users' client certificates", certificateSha256);
    }

    @Override
    public String subjectHolder(String subjectKey) throws StoreUnavailableException {
        return holder("SELECT NAME FROM SIGNET_USER WHERE CLIENT_SUBJECT = ?", "the users' client certificate subjects", subjectKey);
    }

    // Statement by statement, without a transaction of its own: each step can be repeated, and the next login corrects
    // what a failure in between left.
    @Override
    public void enterDirectoryPerson(String name, String mail, String fullName, List<LdapName> groups) throws StoreUnavailableException {
        String email = mail == null || mail.length() > 254 ? null : mail;
        String shown = fullName == null || fullName.length() > 255 ? null : fullName;
        try (Connection c = dataSource().getConnection()) {
            User known = find(c, name);
            if (known == null) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO SIGNET_USER (NAME, PASSWORD_HASH, ENABLED, KIND, EMAIL, FULL_NAME) VALUES (?, ?, 1, 'PERSON', ?, ?)")) {
                    insert.setString(1, name);
                    insert.setString(2, FROM_DIRECTORY);
                    insert.setString(3, email);
                    insert.setString(4, shown);
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (find(c, name) == null) {
                        throw e;
                    } // entered by a login at the same moment
                }
            } else {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE SIGNET_USER SET EMAIL = ?, FULL_NAME = ? WHERE NAME = ? AND PASSWORD_HASH = ?")) {
                    update.setString(1, email);
                    update.setString(2, shown);
                    update.setString(3, name);
                    update.setString(4, FROM_DIRECTORY);
                    update.executeUpdate();
                }
            }
            Set<String> mirrored = new HashSet<>();
            Set<String> wanted = new HashSet<>();
            try (PreparedStatement q = c.prepareStatement("SELECT NAME, DIRECTORY_GROUP FROM SIGNET_GROUP WHERE DIRECTORY_GROUP IS NOT NULL");
                 ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    mirrored.add(rows.getString(1));
                    try {
                        if (groups.contains(new LdapName(rows.getString(2)))) {
                            wanted.add(rows.getString(1));
                        }
                    } catch (InvalidNameException e) {
                        // the admin API accepts distinguished names only
                    }
                }
            }
            Set<String> current = new HashSet<>();
            try (PreparedStatement q = c.prepareStatement("SELECT GROUP_NAME FROM SIGNET_GROUP_MEMBER WHERE MEMBER_NAME = ?")) {
                q.setString(1, name);
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        current.add(rows.getString(1));
                    }
                }
            }
            for (String group : mirrored) {
                if (current.contains(group) && !wanted.contains(group)) {
                    membership(c, "DELETE FROM SIGNET_GROUP_MEMBER WHERE GROUP_NAME = ? AND MEMBER_NAME = ?", group, name);
                } else if (!current.contains(group) && wanted.contains(group)) {
                    membership(c, "INSERT INTO SIGNET_GROUP_MEMBER (GROUP_NAME, MEMBER_NAME) VALUES (?, ?)", group, name);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot enter '" + name + "' from the directory", e);
        }
    }

    private static void membership(Connection c, String statement, String group, String member) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, group);
            s.setString(2, member);
            s.executeUpdate();
        }
    }

    /** The user name the query's first row holds, or null. */
    private String holder(String query, String what, Object... parameters) throws StoreUnavailableException {
        try (Connection c = dataSource().getConnection();
             PreparedStatement q = c.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                q.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = q.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read " + what, e);
        }
    }

    // Looked up late: the realm is built before the data source service is up.
    private DataSource dataSource() throws StoreUnavailableException {
        DataSource current = dataSource;
        if (current == null) {
            try {
                current = (DataSource) new InitialContext().lookup(dataSourceName);
                dataSource = current;
            } catch (NamingException e) {
                throw new StoreUnavailableException("no data source at " + dataSourceName, e);
            }
        }
        return current;
    }
}
