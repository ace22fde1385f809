package io.terrarium.application.build;

import io.terrarium.application.BuildLocations;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.domain.model.build.BuildStatus;
import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.infrastructure.batch.JobOwner;
import io.terrarium.infrastructure.batch.JobOwners;
import io.terrarium.infrastructure.batch.JobRepository;
import io.terrarium.infrastructure.messaging.BuildDispatcher;
import io.terrarium.infrastructure.messaging.BuildQueue;
import io.terrarium.infrastructure.metrics.BuildMetrics;
import io.terrarium.infrastructure.persistence.BuildRepository;
import io.terrarium.infrastructure.worker.LeaseRules;
import io.terrarium.infrastructure.worker.Worker;
import io.terrarium.infrastructure.worker.WorkerStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the sweeper does to one build, each in its own transaction under the build's row lock taken with SKIP LOCKED
 * (so one worker handles each build and sweepers never wait): takes over a build whose worker was lost (a new attempt
 * that resumes from the last checkpoint on whichever worker takes the message, or FAILED after the last attempt),
 * sends a build again that waits for a worker in vain, and removes what a lost worker left of a canceled build.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BuildRecovery {

    private static final Logger LOG = Logger.getLogger(BuildRecovery.class.getName());

    /**
     * What the sweeper must do once the transaction committed.
     *
     * @param abandonExecution job execution to mark ABANDONED (the build will never run again), or null
     */
    public record Outcome(Long abandonExecution) {}

    @Inject
    private BuildRepository builds;

    @Inject
    private BuildLocations locations;

    @Inject
    private BuildLogs logs;

    @Inject
    private AfterCommit afterCommit;

    @Inject
    private BuildMetrics metrics;

    @EJB
    private BuildDispatcher dispatcher;

    @EJB
    private BuildQueue queue;

    @EJB
    private WorkerStore workers;

    @EJB
    private JobOwners owners;

    @EJB
    private JobRepository repository;

    /**
     * Takes over a BUILDING build whose worker lost its lease ({@code orphanOf} null), or which this worker
     * ({@code orphanOf}) holds but no longer runs (its job ended without ending the build, e.g. during a database
     * outage).
     */
    public Optional<Outcome> takeOver(long buildId, String orphanOf, LeaseRules rules, int maxAttempts) {
        Build build = builds.claimUnlocked(buildId).orElse(null);
        if (build == null
                || build.getStatus() != BuildStatus.BUILDING
                || build.getWorkerId() == null
                || build.isDeleted()) {
            return Optional.empty();
        }
        Optional<Worker> worker = workers.find(build.getWorkerId());
        LocalDateTime now = Timestamps.now();
        boolean lost = worker.map(w -> !rules.alive(w.getLastHeartbeat(), w.getStoppedOn(), now))
                .orElse(true);
        if (orphanOf == null ? !lost : !orphanOf.equals(build.getWorkerId())) {
            return Optional.empty();
        }
        Long execution = execution(build);
        String where = where(build, execution);
        if (execution != null) {
            repository.markFailed(execution);
        }
        String what = orphanOf == null
                ? "worker lost: "
                        + worker.map(w -> "worker " + w.label() + " on host " + w.getHost() + ", pid " + w.getPid()
                                        + ", last heartbeat " + w.getLastHeartbeat() + " UTC")
                                .orElse("worker " + build.getWorkerId() + " (no longer registered)")
                        + ", stopped " + where + "; killed or out of memory?"
                : "job execution " + execution + " ended without ending the build (" + where + "); database outage?";
        return Optional.of(handOverOrFail(
                build,
                execution,
                what,
                "restarting from the last checkpoint",
                orphanOf == null ? "worker lost" : "job lost",
                maxAttempts));
    }

    /**
     * Sends a build again that waits for a worker in vain: its hand-over is older than {@code queuedBefore} with no
     * live job execution and no message of it left in the queue, or the worker that took its message died before
     * claiming it, or its message was dead-lettered ({@code deadLettered}).
     */
    public Optional<Outcome> resend(
            long buildId, LocalDateTime queuedBefore, LeaseRules rules, int maxAttempts, boolean deadLettered) {
        Build build = builds.claimUnlocked(buildId).orElse(null);
        if (build == null || build.isDeleted() || !build.awaitingWorker()) {
            return Optional.empty();
        }
        LocalDateTime now = Timestamps.now();
        boolean liveLauncher = false;
        boolean lostLauncher = false;
        for (JobOwner o : owners.ofBuild(buildId)) {
            if (o.getStartedOn().isBefore(build.getHandedOverOn())) {
                continue;
            }
            boolean alive = workers.find(o.getWorkerId())
                    .map(w -> rules.alive(w.getLastHeartbeat(), w.getStoppedOn(), now))
                    .orElse(false);
            liveLauncher |= alive;
            lostLauncher |= !alive;
        }
        String why;
        if (deadLettered) {
            why = "its build message was dead-lettered (no worker could start it)";
        } else if (liveLauncher) {
            return Optional.empty();
        } else if (lostLauncher) {
            why = "the worker that took its build message was lost before it started the build";
        } else if (build.getHandedOverOn().isBefore(queuedBefore) && !queue.holdsMessageFor(buildId)) {
            why = "it waited since " + build.getHandedOverOn() + " UTC without a worker starting it";
        } else {
            return Optional.empty();
        }
        Long execution = build.getStatus() == BuildStatus.BUILDING ? execution(build) : null;
        if (execution != null) {
            repository.markFailed(execution);
        }
        return Optional.of(handOverOrFail(
                build, execution, "build not started: " + why, "sending it again", "build not started", maxAttempts));
    }

    /** Removes the partial prefix a lost worker left of a build canceled while it ran it. */
    public void discardCanceledOfLostWorker(long buildId) {
        Build build = builds.claimUnlocked(buildId).orElse(null);
        if (build == null || build.getStatus() != BuildStatus.CANCELED || build.getWorkerId() == null) {
            return;
        }
        if (!build.isDeleted() && build.artifact(BuildArtifactType.DIRECTORY).isEmpty()) {
            Path prefix = Path.of(locations.buildPath(build));
            afterCommit.run(
                    "removing the prefix of canceled build " + buildId,
                    () -> locations.layout().deleteInsideStore(prefix));
        }
        build.releaseWorker();
    }

    private Outcome handOverOrFail(
            Build build, Long execution, String what, String retry, String failure, int maxAttempts) {
        long buildId = build.getId();
        if (build.getAttempt() >= maxAttempts) {
            String info = failure + " after " + maxAttempts + " attempts: " + what;
            build.markFailed(info, Timestamps.now());
            log(
                    buildId,
                    what + separator(what) + "giving up after " + maxAttempts + " attempts (attempt "
                            + build.getAttempt() + " of " + maxAttempts + " was the last)");
            Path prefix = Path.of(locations.buildPath(build));
            afterCommit.run(
                    "removing the partial prefix of failed build " + buildId,
                    () -> locations.layout().deleteInsideStore(prefix));
            LOG.warning(() -> "build " + buildId + ": " + info);
            metrics.buildAbandoned();
            return new Outcome(execution);
        }
        build.handOver(Timestamps.now());
        dispatcher.resend(buildId, build.getAttempt(), build.getStatus() == BuildStatus.BUILDING ? execution : null);
        log(buildId, what + separator(what) + retry + " (attempt " + build.getAttempt() + " of " + maxAttempts + ")");
        LOG.info(() -> "build " + buildId + ": " + what + "; " + retry + " as attempt " + build.getAttempt());
        metrics.buildResumed();
        return new Outcome(null);
    }

    /** @return the step and package where the build's job stopped, as the recovery line names it */
    private String where(Build build, Long execution) {
        String step = null;
        if (execution != null) {
            List<JobRepository.StepExecution> steps = Optional.ofNullable(
                            repository.executions(List.of(execution)).get(execution))
                    .map(JobRepository.Execution::steps)
                    .orElse(List.of());
            if (!steps.isEmpty()) {
                step = steps.get(steps.size() - 1).name();
            }
        }
        if (step == null) {
            step = build.getProgressStep();
        }
        if (step == null) {
            return "before its first step";
        }
        if ((step.equals("fetch") || step.equals("link")) && build.getProgressTotal() > 0) {
            int done = step.equals(build.getProgressStep()) ? build.getProgressDone() : 0;
            int total = build.getProgressTotal();
            return "in step " + step + " at package " + Math.min(done + 1, total) + " of " + total;
        }
        return "in step " + step;
    }

    private static String separator(String sentence) {
        return sentence.endsWith("?") ? " " : "; ";
    }

    private static Long execution(Build build) {
        try {
            return build.getJobExecutionId() == null ? null : Long.parseLong(build.getJobExecutionId());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void log(long buildId, String text) {
        try {
            logs.append(
                    buildId,
                    id -> locations.storageFile(io.terrarium.infrastructure.store.StoreLayout.logsKey(
                            locations.key(builds.find(id).orElseThrow()))),
                    BuildLogs.format("recovery", null, text));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot write to the log of build " + buildId, e);
        }
    }
}
