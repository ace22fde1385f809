package io.terrarium.infrastructure.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Records the build events the batch job and the sweeper report (step and build durations, resumed and abandoned
 * builds) as MicroProfile metrics, which the runtime publishes at {@code /metrics}.
 */
@ApplicationScoped
public class BuildMetrics {

    /** Histogram of the solve, fetch and link steps' durations, tagged {@code step}. */
    public static final String STEP_DURATION = "terrarium_build_step_duration_milliseconds";
    /** Histogram of whole job executions' durations (a restarted build counts each execution). */
    public static final String BUILD_DURATION = "terrarium_build_duration_milliseconds";

    public static final String RESUMED = "terrarium_builds_resumed";
    public static final String ABANDONED = "terrarium_builds_abandoned";

    private static final Set<String> TIMED_STEPS = Set.of("solve", "fetch", "link");
    private static final String WHOLE_BUILD = "";

    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();

    @Inject
    MetricRegistry registry;

    public void stepStarted(long execution, String step) {
        startedAt.put(execution + "/" + step, System.nanoTime());
    }

    /** Records the step's duration if this server saw it start (a skipped or fenced step never starts). */
    public void stepEnded(long execution, String step) {
        Long start = startedAt.remove(execution + "/" + step);
        if (start != null && TIMED_STEPS.contains(step)) {
            registry.histogram(
                            Metadata.builder()
                                    .withName(STEP_DURATION)
                                    .withUnit(MetricUnits.NONE)
                                    .withDescription("duration of a build's solve, fetch or link step")
                                    .build(),
                            new Tag("step", step))
                    .update(millisSince(start));
        }
    }

    public void buildStarted(long execution) {
        stepStarted(execution, WHOLE_BUILD);
    }

    public void buildEnded(long execution) {
        Long start = startedAt.remove(execution + "/" + WHOLE_BUILD);
        if (start != null) {
            registry.histogram(Metadata.builder()
                            .withName(BUILD_DURATION)
                            .withUnit(MetricUnits.NONE)
                            .withDescription("duration of a build's job execution")
                            .build())
                    .update(millisSince(start));
        }
    }

    /** A build whose worker or job was lost was handed over to run again from its last checkpoint. */
    public void buildResumed() {
        registry.counter(Metadata.builder()
                        .withName(RESUMED)
                        .withDescription("builds handed over again after their worker or job was lost")
                        .build())
                .inc();
    }

    /** A build whose worker or job was lost was marked FAILED after its last attempt. */
    public void buildAbandoned() {
        registry.counter(Metadata.builder()
                        .withName(ABANDONED)
                        .withDescription("builds failed after their last attempt was lost")
                        .build())
                .inc();
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
