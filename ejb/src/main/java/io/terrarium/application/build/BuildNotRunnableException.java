package io.terrarium.application.build;

import jakarta.ejb.ApplicationException;

/**
 * A build job asked to work on a build that must not run any more (canceled, deleted, already finished or
 * missing); the job should stop quietly.
 */
@ApplicationException(rollback = true)
public class BuildNotRunnableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BuildNotRunnableException(String message) {
        super(message);
    }
}
