package io.terrarium.infrastructure.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The build slots of this worker: it runs at most {@code capacity} job executions at once. The consumer asks for a
 * free slot before it takes a message from the queue and hands the slot to the execution it launched; the slot
 * comes back when that execution has ended (the job runs asynchronously, so that is long after the launch).
 *
 * <p>Whether an execution has ended is asked of {@code ended} (the batch repository), and only while every slot is
 * held; an answer that fails (database down) keeps the slot until a later question succeeds.
 */
final class BuildSlots {

    private static final Logger LOG = Logger.getLogger(BuildSlots.class.getName());

    private final int capacity;
    private final LongPredicate ended;
    private final List<Long> held = new ArrayList<>();

    /**
     * @param capacity how many executions may run at once (at least 1)
     * @param ended    true once the job execution with that id has ended (or is unknown)
     */
    BuildSlots(int capacity, LongPredicate ended) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a worker needs at least one build slot, got " + capacity);
        }
        this.capacity = capacity;
        this.ended = ended;
    }

    /** @return true when a slot is free, after giving back those of executions that have ended */
    synchronized boolean free() {
        if (held.size() < capacity) {
            return true;
        }
        held.removeIf(this::hasEnded);
        return held.size() < capacity;
    }

    /** Holds a slot for a job execution just launched, until it ends. */
    synchronized void hold(long executionId) {
        held.add(executionId);
    }

    /** @return the executions holding a slot (some may have ended since the last {@link #free()}) */
    synchronized List<Long> held() {
        return List.copyOf(held);
    }

    int capacity() {
        return capacity;
    }

    private boolean hasEnded(long executionId) {
        try {
            return ended.test(executionId);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cannot tell whether job execution " + executionId + " has ended; keeping its slot", e);
            return false;
        }
    }
}
