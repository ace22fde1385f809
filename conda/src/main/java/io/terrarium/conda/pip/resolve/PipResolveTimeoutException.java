package io.terrarium.conda.pip.resolve;

/** The resolve ran past its deadline ({@code conda_max_solve_time}). */
public final class PipResolveTimeoutException extends PipResolveException {
    private static final long serialVersionUID = 1L;

    public PipResolveTimeoutException(String message) {
        super(message);
    }
}
