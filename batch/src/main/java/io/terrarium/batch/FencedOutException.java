package io.terrarium.batch;

import io.terrarium.application.build.BuildFencedException;

/** Thrown by the fencing checks of a job execution whose attempt no longer holds its build: the chunk rolls back. */
final class FencedOutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FencedOutException(BuildRun run) {
        super("build " + run.buildId() + " was taken over (attempt " + run.attempt() + " is no longer current); "
                + "stopping");
    }

    /** @return true when {@code error} (or a cause) is a fencing failure, ours or the application's */
    static boolean causedBy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FencedOutException || t instanceof BuildFencedException) {
                return true;
            }
        }
        return false;
    }
}
