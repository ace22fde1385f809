package io.terrarium.infrastructure.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The job repository of JBatch, Payara's Jakarta Batch: {@code jbatch*} tables in the default data source. */
final class JBatchTables extends RepositoryTables {

    @Override
    String unfinishedSql() {
        return "SELECT e.jobexecid, e.jobinstanceid, e.batchstatus, e.createtime, e.starttime, e.endtime"
                + " FROM jbatchexecutioninstancedata e JOIN jbatchjobinstancedata i ON e.jobinstanceid = i.jobinstanceid"
                + " WHERE i.name = ? AND e.batchstatus IN ('STARTING', 'STARTED') AND e.endtime IS NULL"
                + " ORDER BY e.jobexecid";
    }

    @Override
    List<String> markFailedSql() {
        return List.of(
                "UPDATE jbatchexecutioninstancedata SET batchstatus = 'FAILED', exitstatus = 'FAILED',"
                        + " endtime = CURRENT_TIMESTAMP, updatetime = CURRENT_TIMESTAMP"
                        + " WHERE jobexecid = ? AND batchstatus IN ('STARTING', 'STARTED')",
                "UPDATE jbatchstepexecutioninstancedata SET batchstatus = 'FAILED', endtime = CURRENT_TIMESTAMP"
                        + " WHERE jobexecid = ? AND batchstatus IN ('STARTING', 'STARTED')");
    }

    @Override
    String stepsSql(String executionIds) {
        return "SELECT jobexecid, stepname, batchstatus, starttime, endtime, readcount, writecount"
                + " FROM jbatchstepexecutioninstancedata WHERE jobexecid IN (" + executionIds + ") ORDER BY stepexecid";
    }

    @Override
    String executionsSql(String executionIds) {
        return "SELECT jobexecid, jobinstanceid, batchstatus, createtime, starttime, endtime"
                + " FROM jbatchexecutioninstancedata WHERE jobexecid IN (" + executionIds + ") ORDER BY jobexecid";
    }

    @Override
    String status(ResultSet rs, int column) throws SQLException {
        return rs.getString(column);
    }

    /** Rows {@code <instance>,<step>,READER} of {@code jbatchcheckpointdata}. */
    @Override
    Map<String, Integer> readerCheckpoints(Connection c, long jobInstanceId) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        String prefix = jobInstanceId + ",";
        try (PreparedStatement ps = c.prepareStatement("SELECT id, obj FROM jbatchcheckpointdata WHERE id LIKE ?")) {
            ps.setString(1, prefix + "%,READER");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String step = id.substring(prefix.length(), id.length() - ",READER".length());
                    Checkpoints.readerCheckpoint(rs.getBytes(2)).ifPresent(next -> out.put(step, next));
                }
            }
        }
        return out;
    }
}
