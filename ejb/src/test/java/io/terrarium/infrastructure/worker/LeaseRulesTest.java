package io.terrarium.infrastructure.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class LeaseRulesTest {

    private final LeaseRules defaults = new LeaseRules(Duration.ofSeconds(10), Duration.ofSeconds(30));
    private final LocalDateTime now = LocalDateTime.of(2026, 12, 6, 3, 0, 0);

    @Test
    void aHeartbeatHoldsTheLeaseUntilItIsOlderThanTheExpiry() {
        assertTrue(defaults.alive(now.minusSeconds(29), null, now));
        assertFalse(defaults.alive(now.minusSeconds(30), null, now));
        assertFalse(defaults.alive(now.minusSeconds(31), null, now));
        assertEquals(now.minusSeconds(30), defaults.oldestLiveHeartbeat(now));
    }

    @Test
    void aStoppedWorkerOrOneWithoutHeartbeatIsDead() {
        assertFalse(defaults.alive(now, now.minusSeconds(1), now));
        assertFalse(defaults.alive(null, null, now));
    }

    @Test
    void aWorkerTrustsItsOwnLeaseOnlyWithAMarginOfOneRenewal() {
        assertTrue(defaults.ownLeaseSafe(Duration.ofSeconds(19)));
        assertFalse(defaults.ownLeaseSafe(Duration.ofSeconds(20)));
        // a pause (SIGSTOP) of a minute: the worker must ask the database before writing again
        assertFalse(defaults.ownLeaseSafe(Duration.ofMinutes(1)));
        LeaseRules misconfigured = new LeaseRules(Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertFalse(misconfigured.ownLeaseSafe(Duration.ZERO), "no margin: always ask the database");
    }
}
