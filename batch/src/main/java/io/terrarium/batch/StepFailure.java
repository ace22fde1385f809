package io.terrarium.batch;

import io.terrarium.conda.pip.resolve.PipResolveTimeoutException;
import io.terrarium.conda.solve.SolverTimeoutException;
import io.terrarium.conda.solve.UnsatisfiableException;

/** Turns a step's exception into the one-paragraph reason stored as the build's status_info. */
final class StepFailure {

    private StepFailure() {}

    static String describe(Throwable error) {
        Throwable t = error;
        // the batch runtime wraps step exceptions; the user wants the engine's own message
        while ((t.getMessage() == null || t instanceof jakarta.batch.operations.BatchRuntimeException)
                && t.getCause() != null
                && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof UnsatisfiableException u) {
            StringBuilder sb = new StringBuilder("the specification cannot be solved");
            if (!u.conflictingSpecs().isEmpty()) {
                sb.append(": conflicting specs ").append(String.join(", ", u.conflictingSpecs()));
            }
            for (String p : u.problems()) {
                sb.append("\n  ").append(p);
            }
            return sb.toString();
        }
        if (t instanceof SolverTimeoutException timeout) {
            return "the solve ran out of time: conda_max_solve_time (" + seconds(timeout.limit()) + ") was reached; "
                    + timeout.getMessage();
        }
        if (t instanceof PipResolveTimeoutException) {
            return "the pip resolve ran out of time (conda_max_solve_time): " + t.getMessage();
        }
        String msg = t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg;
    }

    private static String seconds(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
