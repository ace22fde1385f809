package io.terrarium.domain.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.domain.model.environment.Environment;
import io.terrarium.domain.model.namespace.Namespace;
import io.terrarium.domain.model.specification.Specification;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The attempt (fencing token) rules of a build: who may claim it, and when a job execution still holds it. */
class BuildAttemptTest {

    private final LocalDateTime now = LocalDateTime.of(2026, 12, 6, 3, 0, 0);

    private Build queued() {
        Environment env = new Environment(new Namespace("default"), "demo", null);
        return new Build(env, new Specification("demo", "{}", "0".repeat(64), false, now), 2, now);
    }

    @Test
    void aFirstStartClaimsAQueuedBuildOnceAtAttemptOne() {
        Build b = queued();
        assertTrue(b.awaitingWorker());
        assertEquals(1, b.claim("5", "w-1", "w1", false, now));
        assertTrue(b.heldBy(1));
        assertEquals("w-1", b.getWorkerId());
        assertThrows(
                IllegalStateException.class,
                () -> b.claim("6", "w-2", "w2", false, now),
                "a duplicate message finds it BUILDING");
    }

    @Test
    void aHandOverFencesTheOldAttemptAndOnlyARestartClaimsTheNewOne() {
        Build b = queued();
        b.claim("5", "w-1", "w1", false, now);
        b.handOver(now.plusMinutes(1));
        assertFalse(b.heldBy(1), "the lost worker's execution is fenced out");
        assertFalse(b.heldBy(2), "nobody holds attempt 2 before a worker claims it");
        assertNull(b.getWorkerId());
        assertEquals(BuildStatus.BUILDING, b.getStatus());
        assertThrows(
                IllegalStateException.class,
                () -> b.claim("6", "w-2", "w2", false, now),
                "a stale start message does not start it from scratch");
        assertEquals(2, b.claim("7", "w-2", "w2", true, now));
        assertTrue(b.heldBy(2));
        assertEquals(now.plusMinutes(1), b.getHandedOverOn());
    }

    @Test
    void aCanceledBuildIsHeldByNobodyAndCannotBeHandedOverOrResumed() {
        Build b = queued();
        b.claim("5", "w-1", "w1", false, now);
        b.markCanceled("canceled", now);
        assertFalse(b.heldBy(1));
        assertThrows(IllegalStateException.class, () -> b.handOver(now));
        assertThrows(IllegalStateException.class, () -> b.resumeFailed("6", "w-1", "w1", now));
        assertThrows(IllegalStateException.class, () -> b.claim("6", "w-1", "w1", true, now));
    }

    @Test
    void anOperatorsRestartOfAFailedBuildIsANewAttempt() {
        Build b = queued();
        b.claim("5", "w-1", "w1", false, now);
        b.markFailed("link failed", now);
        assertEquals(2, b.resumeFailed("6", "w-2", "w2", now));
        assertTrue(b.heldBy(2));
        assertNull(b.getStatusInfo());
    }

    @Test
    void aDeletedBuildIsHeldByNobody() {
        Build b = queued();
        b.claim("5", "w-1", "w1", false, now);
        b.markDeleted(now);
        assertFalse(b.heldBy(1));
    }

    @Test
    void aBuildHandedOverWithoutAJobExecutionToRestartIsQueuedAgain() {
        Build b = queued();
        b.handOver(now);
        assertEquals(BuildStatus.QUEUED, b.getStatus());
        assertEquals(2, b.getAttempt());
        assertEquals(2, b.claim("5", "w-1", "w1", false, now));
    }
}
