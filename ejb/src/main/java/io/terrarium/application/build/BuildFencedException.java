package io.terrarium.application.build;

import jakarta.ejb.ApplicationException;

/**
 * A job execution tried to change a build whose current attempt is no longer its own (the sweeper took the build
 * over, or it was canceled or deleted): nothing was written, and the execution must stop.
 */
@ApplicationException(rollback = true)
public class BuildFencedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BuildFencedException(long buildId, int attempt) {
        super("build " + buildId + " was taken over (attempt " + attempt + " is no longer current); stopping");
    }
}
