package io.terrarium.conda.pip.resolve;

/**
 * Pip requirements that cannot be resolved: no solution (the message says which package needs what and what is
 * available), source-only packages (named), or an index that cannot be read.
 */
public class PipResolveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PipResolveException(String message) {
        super(message);
    }

    public PipResolveException(String message, Throwable cause) {
        super(message, cause);
    }
}
