package io.terrarium.conda.solve;

import java.time.Duration;

/**
 * The solving thread was interrupted (a cancelled build, a worker handing its build over): the solve stops at its
 * next search step instead of running to the end; the thread's interrupt flag stays set.
 */
public final class SolveInterruptedException extends SolveException {
    private static final long serialVersionUID = 1L;

    SolveInterruptedException(Duration elapsed, int decisions, int conflicts) {
        super("solve interrupted after " + elapsed.toMillis() + " ms (" + decisions + " decisions, " + conflicts
                + " conflicts)");
    }
}
