package io.terrarium.infrastructure.batch;

import jakarta.batch.runtime.BatchStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job repository of Open Liberty's batch container ({@code batchPersistence} on a {@code databaseStore} with the
 * default table prefix {@code WLP}): statuses are {@link BatchStatus} ordinals, and a job instance carries its own
 * state, which must say FAILED before Liberty restarts it.
 */
final class LibertyBatchTables extends RepositoryTables {

    private static final int STARTING = BatchStatus.STARTING.ordinal();
    private static final int STARTED = BatchStatus.STARTED.ordinal();
    private static final int FAILED = BatchStatus.FAILED.ordinal();
    /** {@code com.ibm.jbatch.container.ws.InstanceState.FAILED}: SUBMITTED, JMS_QUEUED, JMS_CONSUMED, DISPATCHED, FAILED. */
    private static final int INSTANCE_FAILED = 4;

    private static final String UNFINISHED = "(" + STARTING + ", " + STARTED + ")";

    @Override
    String unfinishedSql() {
        return "SELECT e.jobexecid, e.fk_jobinstanceid, e.batchstatus, e.createtime, e.starttime, e.endtime"
                + " FROM wlpjobexecution e JOIN wlpjobinstance i ON e.fk_jobinstanceid = i.jobinstanceid"
                + " WHERE i.jobname = ? AND e.batchstatus IN " + UNFINISHED + " AND e.endtime IS NULL"
                + " ORDER BY e.jobexecid";
    }

    @Override
    List<String> markFailedSql() {
        return List.of(
                "UPDATE wlpjobexecution SET batchstatus = " + FAILED + ", exitstatus = 'FAILED',"
                        + " endtime = CURRENT_TIMESTAMP, updatetime = CURRENT_TIMESTAMP"
                        + " WHERE jobexecid = ? AND batchstatus IN " + UNFINISHED,
                "UPDATE wlpstepthreadexecution SET batchstatus = " + FAILED + ", exitstatus = 'FAILED',"
                        + " endtime = CURRENT_TIMESTAMP WHERE fk_jobexecid = ? AND batchstatus IN " + UNFINISHED,
                // Liberty restarts only an instance whose own state is FAILED or STOPPED
                "UPDATE wlpjobinstance SET batchstatus = " + FAILED + ", instancestate = " + INSTANCE_FAILED
                        + ", exitstatus = 'FAILED', updatetime = CURRENT_TIMESTAMP"
                        + " WHERE jobinstanceid = (SELECT fk_jobinstanceid FROM wlpjobexecution WHERE jobexecid = ?)"
                        + " AND batchstatus IN " + UNFINISHED);
    }

    /** Top-level step threads only: partitions of a partitioned step are rows of their own. */
    @Override
    String stepsSql(String executionIds) {
        return "SELECT fk_jobexecid, stepname, batchstatus, starttime, endtime, m_read, m_write"
                + " FROM wlpstepthreadexecution WHERE fk_jobexecid IN (" + executionIds + ") AND partnum = -1"
                + " ORDER BY stepexecid";
    }

    @Override
    String executionsSql(String executionIds) {
        return "SELECT jobexecid, fk_jobinstanceid, batchstatus, createtime, starttime, endtime"
                + " FROM wlpjobexecution WHERE jobexecid IN (" + executionIds + ") ORDER BY jobexecid";
    }

    @Override
    String status(ResultSet rs, int column) throws SQLException {
        int ordinal = rs.getInt(column);
        BatchStatus[] all = BatchStatus.values();
        return ordinal >= 0 && ordinal < all.length ? all[ordinal].name() : String.valueOf(ordinal);
    }

    /** {@code wlpstepthreadinstance.checkpointdata}: the serialized reader checkpoint, then the writer's. */
    @Override
    Map<String, Integer> readerCheckpoints(Connection c, long jobInstanceId) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT stepname, checkpointdata FROM wlpstepthreadinstance"
                + " WHERE fk_jobinstanceid = ? AND partnum = -1 AND checkpointdata IS NOT NULL")) {
            ps.setLong(1, jobInstanceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String step = rs.getString(1);
                    Checkpoints.firstObjectInteger(rs.getBytes(2)).ifPresent(next -> out.put(step, next));
                }
            }
        }
        return out;
    }
}
