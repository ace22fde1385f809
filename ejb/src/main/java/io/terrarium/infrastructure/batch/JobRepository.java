package io.terrarium.infrastructure.batch;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Plain SQL on the Jakarta Batch repository tables in the default data source (Payara's {@code jbatch*}, created by
 * the schema migration V3, or Liberty's {@code wlp*}, created by Liberty; see {@link RepositoryTables}): the
 * executions a dead worker left STARTING/STARTED, marking them FAILED so they can be restarted or abandoned, and the
 * job and step executions the build API shows. Reads on a database without those tables find nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRepository {

    /** A job execution as the repository shows it. */
    public record Execution(
            long id,
            long instanceId,
            String status,
            LocalDateTime created,
            LocalDateTime start,
            LocalDateTime end,
            List<StepExecution> steps) {}

    /** A step execution as the repository shows it (counts stay 0 until the step ends). */
    public record StepExecution(
            String name, String status, LocalDateTime start, LocalDateTime end, long readCount, long writeCount) {}

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    private volatile RepositoryTables tables;

    private RepositoryTables tables() {
        RepositoryTables t = tables;
        if (t == null) {
            t = RepositoryTables.configured();
            tables = t;
        }
        return t;
    }

    /** @return executions of the build job still STARTING or STARTED, oldest first (steps not filled) */
    public List<Execution> unfinished() {
        RepositoryTables t = tables();
        List<Execution> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(t.unfinishedSql())) {
            ps.setString(1, BuildJobs.JOB_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Execution(
                            rs.getLong(1),
                            rs.getLong(2),
                            t.status(rs, 3),
                            time(rs, 4),
                            time(rs, 5),
                            time(rs, 6),
                            List.of()));
                }
            }
        } catch (SQLException e) {
            if (!missingTables(e)) {
                throw new IllegalStateException("cannot read the batch repository: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Marks an execution (and its unfinished steps) FAILED, if it is still STARTING/STARTED: the repository then
     * allows {@code restart} or {@code abandon} of an execution whose JVM died (see the stack notes).
     *
     * @return true if the execution was unfinished
     */
    public boolean markFailed(long executionId) {
        try (Connection c = dataSource.getConnection()) {
            // one explicit transaction: a pooled connection handed out with auto-commit off (seen on H2 after a
            // restart) would otherwise keep these rows locked, uncommitted, and every later mark would time out
            c.setAutoCommit(false);
            try {
                int changed = -1;
                for (String sql : tables().markFailedSql()) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setLong(1, executionId);
                        int n = ps.executeUpdate();
                        if (changed < 0) {
                            changed = n;
                        }
                    }
                }
                c.commit();
                return changed > 0;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot mark job execution " + executionId + " FAILED: " + e.getMessage(), e);
        }
    }

    /** @return the executions with these ids and their steps, by id */
    public Map<Long, Execution> executions(Collection<Long> ids) {
        Map<Long, Execution> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        RepositoryTables t = tables();
        String in = String.join(",", ids.stream().map(String::valueOf).toList());
        try (Connection c = dataSource.getConnection()) {
            Map<Long, List<StepExecution>> steps = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(t.stepsSql(in));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new StepExecution(
                                    rs.getString(2),
                                    t.status(rs, 3),
                                    time(rs, 4),
                                    time(rs, 5),
                                    rs.getLong(6),
                                    rs.getLong(7)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(t.executionsSql(in));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    out.put(
                            id,
                            new Execution(
                                    id,
                                    rs.getLong(2),
                                    t.status(rs, 3),
                                    time(rs, 4),
                                    time(rs, 5),
                                    time(rs, 6),
                                    steps.getOrDefault(id, List.of())));
                }
            }
        } catch (SQLException e) {
            if (!missingTables(e)) {
                throw new IllegalStateException("cannot read the batch repository: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** @return the reader checkpoints (packages committed) of a job instance's chunk steps, by step name */
    public Map<String, Integer> readerCheckpoints(long jobInstanceId) {
        try (Connection c = dataSource.getConnection()) {
            return tables().readerCheckpoints(c, jobInstanceId);
        } catch (SQLException e) {
            if (!missingTables(e)) {
                throw new IllegalStateException("cannot read the batch repository: " + e.getMessage(), e);
            }
            return new LinkedHashMap<>();
        }
    }

    private static LocalDateTime time(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toLocalDateTime();
    }

    /** PostgreSQL 42P01 / H2 42102 and 42S02: the repository tables do not exist yet. */
    private static boolean missingTables(SQLException e) {
        String state = e.getSQLState();
        return "42P01".equals(state) || "42S02".equals(state) || "42S04".equals(state) || "42102".equals(state);
    }
}
