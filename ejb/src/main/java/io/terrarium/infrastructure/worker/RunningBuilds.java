package io.terrarium.infrastructure.worker;

import io.terrarium.infrastructure.batch.BuildJobs;
import io.terrarium.infrastructure.persistence.DatabaseMigration;
import jakarta.annotation.PostConstruct;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The builds this process runs, and the watcher that stops them once they are no longer theirs: every second it reads
 * their rows, and a build that was canceled, deleted or taken over has its lease revoked and its job execution asked
 * to stop. Also answers, before each write of a job, whether that job may still write its build.
 */
@Singleton
@DependsOn(DatabaseMigration.NAME)
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunningBuilds {

    private static final Logger LOG = Logger.getLogger(RunningBuilds.class.getName());
    private static final long WATCH_MS = 1000;

    @Resource
    private TimerService timers;

    @EJB
    private LeaseCheck check;

    @EJB
    private BuildJobs jobs;

    @EJB
    private WorkerRegistry registry;

    private final Map<Long, BuildLease> leases = new ConcurrentHashMap<>();
    private volatile boolean watchFailing;

    @PostConstruct
    void startWatching() {
        timers.createIntervalTimer(WATCH_MS, WATCH_MS, new TimerConfig("running builds watcher", false));
    }

    public void register(BuildLease lease) {
        leases.put(lease.executionId(), lease);
    }

    public void unregister(BuildLease lease) {
        leases.remove(lease.executionId());
    }

    /** @return true while a job execution of this process runs the build */
    public boolean runs(long buildId) {
        return leases.values().stream().anyMatch(l -> l.buildId() == buildId);
    }

    /**
     * @return true when the lease's job may write its build now: not revoked, and either this worker's own lease is
     *     safe (no one can have taken the build over) or the build row says so (after a pause or an outage)
     */
    public boolean mayWrite(BuildLease lease) {
        if (lease.revoked()) {
            return false;
        }
        if (registry.ownLeaseSafe()) {
            return true;
        }
        try {
            if (!check.lost(List.of(lease)).isEmpty()) {
                revoke(lease, "its build is no longer held by this attempt");
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            // the database cannot say: write nothing the build might not own any more
            return false;
        }
    }

    @Timeout
    void watch() {
        long started = System.nanoTime();
        if (leases.isEmpty()) {
            registry.runningBuildsChecked(started);
            return;
        }
        try {
            for (BuildLease lost : check.lost(List.copyOf(leases.values()))) {
                revoke(lost, "its build was canceled, deleted or taken over");
            }
            registry.runningBuildsChecked(started);
            watchFailing = false;
        } catch (RuntimeException e) {
            if (!watchFailing) {
                watchFailing = true;
                LOG.warning(() -> "cannot check the running builds, will retry: " + WorkerRegistry.rootMessage(e));
            }
        }
    }

    private void revoke(BuildLease lease, String why) {
        if (lease.revoked()) {
            return;
        }
        lease.revoke(why);
        LOG.info(() -> "build " + lease.buildId() + ": attempt " + lease.attempt() + " in job execution "
                + lease.executionId() + " stops: " + why);
        jobs.stopExecution(lease.executionId());
    }
}
