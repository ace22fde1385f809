package io.terrarium.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The lock that lets one channel indexer run at a time: within this JVM a flag, and on PostgreSQL also a
 * session-level advisory lock held on the indexer's connection, so workers sharing the database take turns (a lock
 * held by a worker that dies goes with its connection). The embedded H2 database belongs to one process, where the
 * flag is all it takes.
 */
public final class CatalogIndexLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CatalogIndexLock.class.getName());

    /** The advisory lock key: "TRRMCTLG" read as ASCII, so it will not clash with another application's key. */
    static final long ADVISORY_KEY = 0x5452524d43544c47L;

    private static final AtomicBoolean HELD_HERE = new AtomicBoolean();

    private final Connection connection;
    private final boolean advisory;

    private CatalogIndexLock(Connection connection, boolean advisory) {
        this.connection = connection;
        this.advisory = advisory;
    }

    /**
     * @param connection the connection the indexer works on; on PostgreSQL the lock lives as long as its session
     * @return the lock, or empty when another indexer (here or on another worker) holds it
     */
    public static Optional<CatalogIndexLock> tryAcquire(Connection connection, boolean postgres) throws SQLException {
        if (!HELD_HERE.compareAndSet(false, true)) {
            return Optional.empty();
        }
        if (!postgres) {
            return Optional.of(new CatalogIndexLock(connection, false));
        }
        boolean got = false;
        try {
            got = tryAdvisoryLock(connection);
        } finally {
            if (!got) {
                HELD_HERE.set(false);
            }
        }
        return got ? Optional.of(new CatalogIndexLock(connection, true)) : Optional.empty();
    }

    /** @return true when this connection's session now holds the advisory lock, false when another session does */
    static boolean tryAdvisoryLock(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, ADVISORY_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (advisory) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, ADVISORY_KEY);
                    ps.executeQuery().close();
                }
            }
        } catch (SQLException e) {
            // the pooled connection keeps the session: say so, the lock only goes when the pool closes it
            LOG.warning(() -> "channel index: cannot release the advisory lock: " + e.getMessage());
        } finally {
            HELD_HERE.set(false);
        }
    }
}
