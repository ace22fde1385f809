package io.terrarium.conda.solve;

import java.time.Duration;

/** The solver did not reach an answer within the request's time limit; the message says how far it got. */
public final class SolverTimeoutException extends SolveException {
    private static final long serialVersionUID = 1L;
    private final Duration elapsed;
    private final Duration limit;

    SolverTimeoutException(Duration limit, Duration elapsed, int candidates, int decisions, int conflicts) {
        super("solver gave up after " + elapsed.toMillis() + " ms (limit " + limit.toMillis() + " ms) with "
                + candidates + " candidate records, " + decisions + " decisions and " + conflicts
                + " conflicts; pin versions or narrow the channels to make the problem smaller, or raise the limit");
        this.elapsed = elapsed;
        this.limit = limit;
    }

    /** The time limit that ran out. */
    public Duration limit() {
        return limit;
    }

    public Duration elapsed() {
        return elapsed;
    }
}
