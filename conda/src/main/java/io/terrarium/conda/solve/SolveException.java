package io.terrarium.conda.solve;

/** A solve that ended without a result: the specs cannot be satisfied, or the solver ran out of time. */
public abstract class SolveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected SolveException(String message) {
        super(message);
    }
}
