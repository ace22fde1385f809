package io.terrarium.infrastructure.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A worker takes a message only while it has a free slot, and a slot comes back only when its execution ends. */
class BuildSlotsTest {

    private final Set<Long> endedExecutions = new HashSet<>();

    @Test
    void aSlotStaysTakenUntilItsExecutionEnds() {
        BuildSlots slots = new BuildSlots(2, endedExecutions::contains);
        assertTrue(slots.free());
        slots.hold(10);
        assertTrue(slots.free());
        slots.hold(11);
        assertFalse(slots.free(), "two executions run on a worker of capacity 2");
        assertFalse(slots.free(), "still running");
        endedExecutions.add(11L);
        assertTrue(slots.free());
        assertEquals(List.of(10L), slots.held());
    }

    @Test
    void anUnanswerableQuestionKeepsTheSlot() {
        boolean[] databaseDown = {true};
        BuildSlots slots = new BuildSlots(1, id -> {
            if (databaseDown[0]) {
                throw new IllegalStateException("connection refused");
            }
            return true;
        });
        slots.hold(7);
        assertFalse(slots.free(), "an execution whose end cannot be read may still run");
        databaseDown[0] = false;
        assertTrue(slots.free());
    }

    @Test
    void aWorkerHasAtLeastOneSlot() {
        assertThrows(IllegalArgumentException.class, () -> new BuildSlots(0, id -> true));
    }
}
