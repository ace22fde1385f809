package io.terrarium.infrastructure.worker;

import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.infrastructure.config.TerrariumConfig;
import io.terrarium.infrastructure.persistence.DatabaseMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * This server process as a worker: registers it under a fresh UUID at startup and renews its heartbeat lease on a
 * timer; a renewal that fails (database down) is logged and tried again at the next tick. Knows whether its own
 * lease is still safe without asking the database.
 */
@Singleton
@DependsOn(DatabaseMigration.NAME)
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WorkerRegistry {

    private static final Logger LOG = Logger.getLogger(WorkerRegistry.class.getName());

    @Resource
    private TimerService timers;

    @EJB
    private WorkerStore store;

    @Inject
    private TerrariumConfig config;

    private Worker self;
    private LeaseRules rules;
    private volatile long lastRenewalNanos;

    /**
     * When a renewal came after a gap in which other workers may have counted this one dead (a pause, a long GC, an
     * outage), the {@link System#nanoTime} of that renewal; 0 once the running builds were checked after it. A fresh
     * heartbeat says nothing about builds taken over during the gap, so until then no lease counts as safe.
     */
    private volatile long renewedAfterGapNanos;

    private volatile boolean renewalFailing;

    @PostConstruct
    void register() {
        rules = WorkerSettings.leaseRules();
        self = new Worker(
                UUID.randomUUID().toString(),
                WorkerSettings.name(),
                WorkerSettings.hostName(),
                ProcessHandle.current().pid(),
                WorkerSettings.httpPort(),
                config.workerRoles(),
                config.runsBuilds() ? config.workerConcurrency() : 0,
                Timestamps.now());
        lastRenewalNanos = System.nanoTime() - rules.expiry().toNanos();
        renew();
        LOG.info(() -> "registered as worker " + self.label() + " on " + self.getHost() + ", pid " + self.getPid()
                + ", roles " + self.getRoles() + ", capacity " + self.getCapacity());
        long every = rules.renew().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig("worker heartbeat", false));
    }

    @Timeout
    void renew() {
        long started = System.nanoTime();
        try {
            store.renew(self, Timestamps.now());
            if (!rules.ownLeaseSafe(Duration.ofNanos(started - lastRenewalNanos))) {
                renewedAfterGapNanos = started;
            }
            lastRenewalNanos = started;
            if (renewalFailing) {
                renewalFailing = false;
                LOG.info(() -> "worker " + self.label() + ": heartbeat renewed again");
            }
        } catch (RuntimeException e) {
            if (!renewalFailing) {
                renewalFailing = true;
            }
            LOG.warning(() -> "worker " + self.label() + ": cannot renew the heartbeat, will retry: " + rootMessage(e));
        }
    }

    @PreDestroy
    void deregister() {
        // other workers take this one's builds over at once: from now on its jobs ask the database before writing
        lastRenewalNanos = System.nanoTime() - rules.expiry().toNanos();
        try {
            store.stop(self.getId(), Timestamps.now());
        } catch (RuntimeException e) {
            LOG.warning(() -> "worker " + self.label() + ": cannot record the shutdown: " + rootMessage(e));
        }
    }

    /** @return this worker's id (a UUID per start) */
    public String id() {
        return self.getId();
    }

    public String name() {
        return self.getName();
    }

    /** @return {@code name (id)} */
    public String label() {
        return self.label();
    }

    public LeaseRules rules() {
        return rules;
    }

    /**
     * @return true while no other worker can have counted this one dead (see {@link LeaseRules#ownLeaseSafe}) and no
     *     gap in the heartbeat awaits {@link #runningBuildsChecked}
     */
    public boolean ownLeaseSafe() {
        return renewedAfterGapNanos == 0 && rules.ownLeaseSafe(Duration.ofNanos(System.nanoTime() - lastRenewalNanos));
    }

    /** The running builds' leases were all checked against the database, starting at {@code checkStartedNanos}. */
    public void runningBuildsChecked(long checkStartedNanos) {
        long gap = renewedAfterGapNanos;
        if (gap != 0 && checkStartedNanos - gap >= 0) {
            renewedAfterGapNanos = 0;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
