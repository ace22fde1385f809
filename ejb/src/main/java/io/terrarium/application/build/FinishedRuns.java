package io.terrarium.application.build;

import io.terrarium.application.view.BuildRunView;
import io.terrarium.domain.model.build.Build;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers how finished builds ran, so that reading a finished build does not query the batch repository again.
 *
 * <p>A finished build's job executions no longer change while the build keeps its status, attempt and end time;
 * a build that runs again (a hand-over or a restart) changes at least one of them, so an entry is used only while
 * all three still match. Entries are bounded: the least recently read go first.
 */
@ApplicationScoped
public class FinishedRuns {

    static final int CAPACITY = 4096;

    private record Entry(Stamp stamp, BuildRunView runs) {}

    /** What must not have changed since the runs were read. */
    private record Stamp(String status, int attempt, LocalDateTime endedOn) {
        static Stamp of(Build build) {
            return new Stamp(build.getStatus().name(), build.getAttempt(), build.getEndedOn());
        }
    }

    private final Map<Long, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    /** @return the runs read when the build was last seen finished in the same state, if any */
    public synchronized Optional<BuildRunView> of(Build build) {
        Entry e = entries.get(build.getId());
        return e != null && e.stamp().equals(Stamp.of(build)) ? Optional.of(e.runs()) : Optional.empty();
    }

    /** Keeps the runs of a finished build whose job executions have all ended; anything else is not kept. */
    public synchronized void remember(Build build, BuildRunView runs) {
        Objects.requireNonNull(runs, "runs");
        boolean settled =
                build.getStatus().isFinal() && runs.jobExecutions().stream().allMatch(e -> e.end() != null);
        if (settled) {
            entries.put(build.getId(), new Entry(Stamp.of(build), runs));
        } else {
            entries.remove(build.getId());
        }
    }
}
