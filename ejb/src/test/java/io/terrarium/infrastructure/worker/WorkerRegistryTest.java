package io.terrarium.infrastructure.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * A worker trusts its own lease only while its heartbeat has no gap another worker could have taken its builds over
 * in: a heartbeat renewed after a pause makes it safe again only once its running builds were checked.
 */
class WorkerRegistryTest {

    private final LeaseRules rules = new LeaseRules(Duration.ofSeconds(2), Duration.ofSeconds(10));

    private WorkerRegistry registry(long lastRenewalNanos) throws ReflectiveOperationException {
        WorkerRegistry registry = new WorkerRegistry();
        set(registry, "rules", rules);
        set(registry, "store", new WorkerStore() {
            @Override
            public void renew(Worker self, LocalDateTime now) {}
        });
        set(registry, "lastRenewalNanos", lastRenewalNanos);
        return registry;
    }

    @Test
    void aTimelyHeartbeatKeepsTheLeaseSafe() throws Exception {
        WorkerRegistry registry =
                registry(System.nanoTime() - Duration.ofSeconds(2).toNanos());
        registry.renew();
        assertTrue(registry.ownLeaseSafe());
    }

    @Test
    void aHeartbeatAfterAPauseIsNotTrustedUntilTheRunningBuildsAreChecked() throws Exception {
        WorkerRegistry registry =
                registry(System.nanoTime() - Duration.ofSeconds(30).toNanos());
        long beforeRenewal = System.nanoTime();
        registry.renew();
        assertFalse(registry.ownLeaseSafe(), "builds may have been taken over during the pause");
        registry.runningBuildsChecked(beforeRenewal);
        assertFalse(registry.ownLeaseSafe(), "a check that began before the renewal says nothing about the gap");
        registry.runningBuildsChecked(System.nanoTime());
        assertTrue(registry.ownLeaseSafe());
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = WorkerRegistry.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
