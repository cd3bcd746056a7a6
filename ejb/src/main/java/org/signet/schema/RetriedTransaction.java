package org.signet.schema;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A short JDBC transaction of its own, run again when the database rolled it back over a lock. Concurrent inserts into
 * a table with an identity column meet on the column's generator: Derby then gives up at once ("A lock could not be
 * obtained", 40XL1, from its sequence updater) and PostgreSQL may report a deadlock or a serialization failure. Both
 * roll the whole transaction back, so running it again writes everything once; any other failure is not retried.
 */
public final class RetriedTransaction {

    /** What the transaction writes; it may run more than once, and each run starts from nothing written. */
    @FunctionalInterface
    public interface Work {
        void writeWith(Connection connection) throws SQLException;
    }

    /** Where its connection comes from (a data source's {@code getConnection}). */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    static final int ATTEMPTS = 6;

    private RetriedTransaction() {
    }

    /**
     * Runs the work in a local transaction, not in the caller's: call it where no JTA transaction is active (a bean
     * method that does not support one), or the connection would be enlisted and could not commit by itself.
     */
    public static void run(Connections connections, Work work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = connections.open()) {
                connection.setAutoCommit(false);
                try {
                    work.writeWith(connection);
                    connection.commit();
                    return;
                } catch (SQLException | RuntimeException e) {
                    rollBack(connection, e);
                    if (attempt == ATTEMPTS || !(e instanceof SQLException sql && rolledBackOverALock(sql))) {
                        throw e;
                    }
                } finally {
                    restoreAutoCommit(connection);
                }
            }
            pause(attempt);
        }
    }

    /**
     * A bean call that runs in a container transaction of its own (a REQUIRED method called from where no transaction
     * is active), called again when its transaction was rolled back over a lock. The call must be safe to repeat.
     */
    public static <T> T call(java.util.function.Supplier<T> beanCall) {
        for (int attempt = 1; ; attempt++) {
            try {
                return beanCall.get();
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !rolledBackOverALock(e)) {
                    throw e;
                }
            }
            try {
                pause(attempt);
            } catch (SQLException interrupted) {
                throw new IllegalStateException(interrupted.getMessage(), interrupted);
            }
        }
    }

    private static boolean rolledBackOverALock(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return rolledBackOverALock(sql);
            }
        }
        return false;
    }

    /** Whether the database rolled the transaction back because of a lock: a deadlock, a lock timeout, a serialization failure. */
    static boolean rolledBackOverALock(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransactionRollbackException || cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
            if (cause instanceof BatchUpdateException batch && batch.getNextException() != null && batch.getNextException() != cause
                    && rolledBackOverALock(batch.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** The pool hands the connection out again as it came. */
    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection, which the pool discards
        }
    }

    /** 25, 50, 100, 200, 400 ms, each up to half as long again: two writers that met do not meet again. */
    private static void pause(int attempt) throws SQLException {
        long millis = 25L << (attempt - 1);
        try {
            Thread.sleep(millis + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransactionRollbackException("interrupted while waiting to write again");
        }
    }
}
