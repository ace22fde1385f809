package io.terrarium.cluster;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting with a deadline: the multi-process tests poll the API, logs and processes until a condition holds, and
 * fail with what they were waiting for (and the last state seen) when the deadline passes.
 */
final class Poll {

    /** A condition that may throw (HTTP calls, file reads). */
    interface Check {
        boolean holds() throws Exception;
    }

    private Poll() {}

    /**
     * Polls every {@code interval} until {@code check} holds. An exception or assertion error of the check counts
     * as "not yet", except {@link MissingFeature}, which fails at once.
     */
    static void until(String what, Duration timeout, Duration interval, Check check, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                if (check.holds()) {
                    return;
                }
                last = null;
            } catch (MissingFeature e) {
                throw e;
            } catch (Exception | AssertionError e) {
                // a server answering 500 or not at all (restarting, database down) is "not yet"
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("waited " + timeout.toSeconds() + " s for " + what
                        + (last == null ? "" : " (last error: " + last + ")") + "\n" + safe(state));
                if (last != null) {
                    error.addSuppressed(last);
                }
                throw error;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    static void until(String what, Duration timeout, Check check, Supplier<String> state) throws InterruptedException {
        until(what, timeout, Duration.ofMillis(250), check, state);
    }

    static void until(String what, Duration timeout, Check check) throws InterruptedException {
        until(what, timeout, check, () -> "");
    }

    private static String safe(Supplier<String> state) {
        try {
            return state.get();
        } catch (RuntimeException e) {
            return "(state unavailable: " + e + ")";
        }
    }
}
