package io.terrarium.application.view;

import java.time.LocalDateTime;
import java.util.List;

/**
 * How a build ran, for the single-build API read: its current attempt and worker, and the batch job executions (with
 * their step executions) that worked on it.
 *
 * @param attempt       the build's current attempt (its fencing token)
 * @param workerId      the worker holding the current attempt, or null
 * @param jobExecutions oldest first
 */
public record BuildRunView(int attempt, String workerId, List<JobExecutionView> jobExecutions) {

    /** One job execution: repository status and times, the worker that ran it and the attempt it held. */
    public record JobExecutionView(
            long id,
            String status,
            LocalDateTime start,
            LocalDateTime end,
            String workerId,
            Integer attempt,
            List<StepView> steps) {}

    /**
     * One step execution; {@code checkpoint} is the number of packages the step committed (chunk steps), or null.
     */
    public record StepView(
            String name,
            String status,
            LocalDateTime start,
            LocalDateTime end,
            long readCount,
            long writeCount,
            String checkpoint) {}
}
