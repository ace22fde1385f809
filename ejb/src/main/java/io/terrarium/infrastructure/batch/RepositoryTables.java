package io.terrarium.infrastructure.batch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The SQL of one Jakarta Batch implementation's job repository tables, which the specification leaves to each
 * runtime: Payara's JBatch ({@code jbatch*} tables, statuses as names) or Open Liberty's ({@code wlp*} tables,
 * statuses as ordinals). The runtime's configuration names it in {@value #SETTING}.
 */
abstract class RepositoryTables {

    /** Which job repository the server keeps: {@code jbatch} (Payara, the default) or {@code liberty}. */
    static final String SETTING = "terrarium.batch.repository";

    /** @return the tables of the repository this server's configuration names */
    static RepositoryTables configured() {
        String name = ConfigProvider.getConfig(RepositoryTables.class.getClassLoader())
                .getOptionalValue(SETTING, String.class)
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .orElse("jbatch");
        return switch (name) {
            case "jbatch", "" -> new JBatchTables();
            case "liberty" -> new LibertyBatchTables();
            default -> throw new IllegalStateException(SETTING + " must be jbatch or liberty, not '" + name + "'");
        };
    }

    /**
     * Executions of a job (parameter 1: its name) still STARTING or STARTED, oldest first; columns: execution id,
     * instance id, status, create, start and end time.
     */
    abstract String unfinishedSql();

    /**
     * Statements that mark one execution (every parameter: its id) and its unfinished steps FAILED, so that the runtime
     * allows a restart; the first statement's update count tells whether the execution was unfinished.
     */
    abstract List<String> markFailedSql();

    /** Step executions of these job executions in their order; columns: execution id, name, status, start, end, read, write. */
    abstract String stepsSql(String executionIds);

    /** These job executions; columns: execution id, instance id, status, create, start and end time. */
    abstract String executionsSql(String executionIds);

    /** @return the batch status name the column holds */
    abstract String status(ResultSet rs, int column) throws SQLException;

    /** @return the reader checkpoints of a job instance's chunk steps, by step name */
    abstract Map<String, Integer> readerCheckpoints(Connection c, long jobInstanceId) throws SQLException;
}
