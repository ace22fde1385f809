package io.terrarium.application.build;

import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.infrastructure.batch.BuildJobs;
import io.terrarium.infrastructure.batch.JobOwner;
import io.terrarium.infrastructure.batch.JobOwners;
import io.terrarium.infrastructure.batch.JobRepository;
import io.terrarium.infrastructure.messaging.DeadLetters;
import io.terrarium.infrastructure.persistence.BuildRepository;
import io.terrarium.infrastructure.persistence.DatabaseMigration;
import io.terrarium.infrastructure.worker.LeaseRules;
import io.terrarium.infrastructure.worker.RunningBuilds;
import io.terrarium.infrastructure.worker.WorkerRegistry;
import io.terrarium.infrastructure.worker.WorkerSettings;
import io.terrarium.infrastructure.worker.WorkerStore;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The sweeper every worker runs (right after startup, then every {@code terrarium.worker.sweep-seconds}): marks job
 * executions of lost workers FAILED in the batch repository, takes over BUILDING builds of lost workers (and this
 * worker's own builds whose job ended without ending them), sends again builds that wait for a worker in vain or whose
 * message was dead-lettered, and cleans up canceled builds of lost workers; its first sweep repairs environment
 * symlinks left on an older build by a process that died between a commit and the swap. Cluster-safe: each build is
 * handled under its row lock taken with SKIP LOCKED. A sweep that fails (database down) logs one line and the next one
 * tries again.
 */
@Singleton
@Startup
@DependsOn({DatabaseMigration.NAME, "WorkerRegistry", "MessageBroker"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BuildSweeper {

    private static final Logger LOG = Logger.getLogger(BuildSweeper.class.getName());
    private static final Duration FORGET_WORKERS_AFTER = Duration.ofDays(1);

    @Resource
    private TimerService timers;

    @EJB
    private WorkerRegistry self;

    @EJB
    private WorkerStore workers;

    @EJB
    private RunningBuilds running;

    @EJB
    private BuildRecovery recovery;

    @EJB
    private JobRepository repository;

    @EJB
    private JobOwners owners;

    @EJB
    private BuildJobs jobs;

    @EJB
    private DeadLetters deadLetters;

    @Inject
    private BuildRepository builds;

    @EJB
    private EnvironmentLinks links;

    private volatile boolean linksRepaired;

    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final Set<Long> orphanSuspects = new HashSet<>();
    private volatile boolean failing;

    @PostConstruct
    void schedule() {
        long every = WorkerSettings.sweepInterval().toMillis();
        timers.createIntervalTimer(1000, every, new TimerConfig("build sweeper", false));
    }

    @Timeout
    void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            sweepOnce();
            if (failing) {
                failing = false;
                LOG.info("build sweeper: the database answers again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
            }
            LOG.warning(() -> "build sweeper: sweep failed, will retry in "
                    + WorkerSettings.sweepInterval().toSeconds() + " s: " + rootMessage(e));
        } finally {
            sweeping.set(false);
        }
    }

    private void sweepOnce() {
        LeaseRules rules = self.rules();
        int maxAttempts = WorkerSettings.maxAttempts();
        LocalDateTime now = Timestamps.now();
        LocalDateTime oldest = rules.oldestLiveHeartbeat(now);
        LocalDateTime queuedBefore = now.minus(WorkerSettings.queuedTimeout());
        markDeadExecutions(rules, now);
        for (long id : builds.buildingOnLostWorkers(oldest)) {
            perBuild(id, () -> recovery.takeOver(id, null, rules, maxAttempts).ifPresent(this::afterCommit));
        }
        takeOverOwnOrphans(rules, maxAttempts);
        Set<Long> awaiting = new HashSet<>(builds.awaitingWorkerWithLostLauncher(oldest));
        awaiting.addAll(builds.awaitingWorkerSince(queuedBefore));
        for (long id : awaiting) {
            perBuild(
                    id,
                    () -> recovery.resend(id, queuedBefore, rules, maxAttempts, false)
                            .ifPresent(this::afterCommit));
        }
        for (long id : builds.canceledOnLostWorkers(oldest)) {
            perBuild(id, () -> recovery.discardCanceledOfLostWorker(id));
        }
        try {
            // a broker outage must not keep the database work above from running
            deadLetters.drain(buildId -> recovery.resend(buildId, queuedBefore, rules, maxAttempts, true)
                    .ifPresent(this::afterCommit));
        } catch (RuntimeException e) {
            LOG.warning(() -> "build sweeper: cannot read the dead-letter queue, will retry: " + rootMessage(e));
        }
        workers.forgetDeadSince(now.minus(FORGET_WORKERS_AFTER));
        if (!linksRepaired) {
            links.repairAll();
            linksRepaired = true;
        }
    }

    /** Runs the sweeper's work on one build; a failure there (e.g. the broker is down) leaves the others to run. */
    private void perBuild(long buildId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warning(() -> "build sweeper: build " + buildId + " left for the next sweep: " + rootMessage(e));
            }
        }
    }

    /** Job executions STARTING/STARTED in the repository whose owner lost its lease (or never recorded one). */
    private void markDeadExecutions(LeaseRules rules, LocalDateTime now) {
        List<Long> here = jobs.runningExecutions();
        for (JobRepository.Execution e : repository.unfinished()) {
            if (here.contains(e.id())) {
                continue;
            }
            Optional<JobOwner> owner = owners.of(e.id());
            boolean dead = owner.map(o -> workers.find(o.getWorkerId())
                            .map(w -> !rules.alive(w.getLastHeartbeat(), w.getStoppedOn(), now))
                            .orElse(true))
                    .orElseGet(() -> e.created() != null
                            && e.created()
                                    .isBefore(LocalDateTime.now()
                                            .minus(rules.expiry().multipliedBy(2))));
            if (dead && repository.markFailed(e.id())) {
                LOG.info(() -> "build sweeper: job execution " + e.id() + " lost its worker; marked FAILED");
            }
        }
    }

    /**
     * Builds this worker holds but no job of it runs, seen in two sweeps in a row (the first sighting may be a job
     * between its claim and its registration).
     */
    private void takeOverOwnOrphans(LeaseRules rules, int maxAttempts) {
        Set<Long> suspects = new HashSet<>();
        for (long id : builds.buildingOn(self.id())) {
            if (!running.runs(id)) {
                suspects.add(id);
            }
        }
        for (long id : suspects) {
            if (orphanSuspects.contains(id)) {
                perBuild(
                        id,
                        () -> recovery.takeOver(id, self.id(), rules, maxAttempts)
                                .ifPresent(this::afterCommit));
            }
        }
        orphanSuspects.clear();
        orphanSuspects.addAll(suspects);
    }

    private void afterCommit(BuildRecovery.Outcome outcome) {
        if (outcome.abandonExecution() != null) {
            jobs.abandon(outcome.abandonExecution());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
