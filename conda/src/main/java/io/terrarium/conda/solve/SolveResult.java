package io.terrarium.conda.solve;

import io.terrarium.conda.types.PackageRecord;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of a successful solve: the records to install, dependencies before dependents.
 *
 * @param records   the chosen records, topologically sorted (virtual packages are not included)
 * @param elapsed   wall time the solve took
 * @param decisions number of decisions the search made
 * @param conflicts number of conflicts it learned from
 */
public record SolveResult(List<PackageRecord> records, Duration elapsed, int decisions, int conflicts) {
    public SolveResult {
        records = List.copyOf(records);
    }

    /** The chosen record named {@code name}, or {@code null}. */
    public PackageRecord record(String name) {
        for (PackageRecord r : records) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
