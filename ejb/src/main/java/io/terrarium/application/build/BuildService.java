package io.terrarium.application.build;

import io.terrarium.application.BuildLocations;
import io.terrarium.application.settings.EffectiveSettings;
import io.terrarium.application.settings.SettingKey;
import io.terrarium.application.settings.SettingsService;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.domain.model.build.BuildStatus;
import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.domain.model.specification.EnvironmentSpecification;
import io.terrarium.domain.model.specification.LockfileSpecification;
import io.terrarium.domain.model.specification.SpecificationContent;
import io.terrarium.infrastructure.batch.BuildClaim;
import io.terrarium.infrastructure.batch.BuildPlan;
import io.terrarium.infrastructure.batch.BuildSettings;
import io.terrarium.infrastructure.persistence.BuildRepository;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The build life cycle as the build job drives it: claim (QUEUED to BUILDING), log, record artifacts and progress,
 * complete with the installed packages and activate, fail, mark canceled. Every state change locks the build's row
 * and is made only while the caller's attempt (its fencing token) still holds the build.
 */
@Stateless
public class BuildService {

    private static final Logger LOG = Logger.getLogger(BuildService.class.getName());

    @Inject
    private BuildRepository builds;

    @Inject
    private BuildLocations locations;

    @Inject
    private SettingsService settingsService;

    @Inject
    private BuildLogs logs;

    @Inject
    private BuildActivation activation;

    @Inject
    private InstalledPackages installedPackages;

    @Inject
    private AfterCommit afterCommit;

    @Inject
    private io.terrarium.application.security.AuthorizationService authorization;

    /**
     * Claims a build for a job execution (see {@link io.terrarium.infrastructure.batch.BuildProgress#begin}).
     *
     * @return the claim, or empty when the build must not run
     */
    public java.util.Optional<BuildClaim> claim(
            long buildId, String jobExecutionId, String workerId, String workerName, boolean restart) {
        Build build = builds.findForUpdate(buildId).orElse(null);
        if (build == null || build.isDeleted() || build.getEnvironment().isDeleted()) {
            return java.util.Optional.empty();
        }
        BuildStatus status = build.getStatus();
        boolean handedOver =
                restart ? status == BuildStatus.BUILDING && build.getWorkerId() == null : status == BuildStatus.QUEUED;
        if (!handedOver && !(restart && status == BuildStatus.FAILED)) {
            LOG.log(Level.INFO, "build {0} is {1} (worker {2}); job execution {3} does not run it", new Object[] {
                buildId, status, build.getWorkerId(), jobExecutionId
            });
            return java.util.Optional.empty();
        }
        boolean firstStart = status == BuildStatus.QUEUED && build.getStartedOn() == null;
        int attempt = handedOver
                ? build.claim(jobExecutionId, workerId, workerName, restart, Timestamps.now())
                : build.resumeFailed(jobExecutionId, workerId, workerName, Timestamps.now());
        String key = locations.key(build);
        build.putArtifact(BuildArtifactType.LOGS, StoreLayout.logsKey(key));
        appendLog(
                buildId,
                BuildLogs.format(
                        "build",
                        attempt,
                        (firstStart ? "starting build of conda environment " : "resuming build of conda environment ")
                                + Timestamps.now() + " UTC (job execution " + jobExecutionId + " on worker "
                                + workerName + " ("
                                + workerId + "))"));
        return java.util.Optional.of(new BuildClaim(
                plan(build), attempt, build.getProgressStep(), build.getProgressDone(), build.getProgressTotal()));
    }

    /** @return the plan of a build without changing it (for later steps of a job) */
    public BuildPlan plan(long buildId) {
        return plan(existing(buildId));
    }

    /** @return true while {@code attempt} is the running build's current attempt (no lock) */
    public boolean holds(long buildId, int attempt) {
        return builds.find(buildId).map(b -> b.heldBy(attempt)).orElse(false);
    }

    /**
     * Records a chunk's progress in the caller's (the chunk's) transaction if the attempt still holds the build.
     *
     * @return false when it does not: the chunk must roll back
     */
    public boolean recordStepProgress(long buildId, int attempt, String step, int done, int total) {
        return builds.recordProgress(buildId, attempt, step, done, total);
    }

    /** Appends text to the build log; outside any transaction, so a rolled-back chunk keeps its log lines. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void appendLog(long buildId, String text) {
        logs.append(
                buildId,
                id -> {
                    Build build = existing(id);
                    return locations.storageFile(StoreLayout.logsKey(locations.key(build)));
                },
                text);
    }

    /** Records (or replaces) the artifact of a type from the file the job wrote (inside or outside the storage). */
    public void recordArtifactFile(long buildId, int attempt, BuildArtifactType type, Path file) {
        held(buildId, attempt).putArtifact(type, locations.layout().storageKey(file));
    }

    /**
     * Marks the build COMPLETED with its installed packages and prefix size, records the DIRECTORY artifact and makes
     * it its environment's current build, in one transaction; the environment symlink follows after the commit.
     */
    public void completeAndActivate(long buildId, int attempt, List<PackageRecord> installed, long size) {
        Build build = held(buildId, attempt);
        if (build.getEnvironment().isDeleted()) {
            throw new BuildNotRunnableException("the environment of build " + buildId + " was deleted");
        }
        installedPackages.record(build, installed);
        build.putArtifact(BuildArtifactType.DIRECTORY, locations.buildPath(build));
        build.markCompleted(size, Timestamps.now());
        activation.activate(build);
        // the activate step logs "build completed" once the commit succeeded; this line says what was recorded
        appendLog(
                buildId,
                BuildLogs.format(
                        "build",
                        attempt,
                        "recorded as COMPLETED: " + installed.size()
                                + " packages, " + size + " bytes; activating "
                                + locations.environmentPath(build).orElse("(build key v3: no symlink)") + " -> "
                                + locations.buildPath(build)));
    }

    /**
     * Marks the build FAILED with a message for users, if {@code attempt} still holds it; in its own transaction,
     * since the caller's work usually rolled back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void fail(long buildId, int attempt, String statusInfo) {
        builds.findForUpdate(buildId).ifPresent(build -> {
            if (!build.heldBy(attempt)) {
                LOG.log(
                        Level.INFO,
                        "build {0} is {1} at attempt {2}; attempt {3} does not mark it FAILED ({4})",
                        new Object[] {buildId, build.getStatus(), build.getAttempt(), attempt, statusInfo});
                return;
            }
            build.markFailed(statusInfo, Timestamps.now());
            safeLog(buildId, BuildLogs.format("build", attempt, "build failed: " + statusInfo));
        });
    }

    /** Marks the build CANCELED once its job stopped, if {@code attempt} still holds it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markCanceled(long buildId, int attempt, String reason) {
        builds.findForUpdate(buildId).ifPresent(build -> {
            if (build.heldBy(attempt)) {
                build.markCanceled(reason, Timestamps.now());
                safeLog(buildId, BuildLogs.format("build", attempt, reason));
            }
        });
    }

    /**
     * Cancels a QUEUED or BUILDING build for a user, under its row lock: it is CANCELED from now on, whichever worker
     * runs it (that worker notices, stops and removes the partial prefix).
     *
     * @return the status the build had
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public BuildStatus cancelForUser(long buildId, String reason) {
        Build build = lockedExisting(buildId);
        BuildStatus status = build.getStatus();
        if (!status.isFinal()) {
            build.markCanceled(reason, Timestamps.now());
            safeLog(buildId, BuildLogs.format("api", null, reason));
            if (status == BuildStatus.BUILDING && build.getWorkerId() == null) {
                // handed over after its worker was lost, and not yet resumed: no worker will remove its prefix
                Path prefix = Path.of(locations.buildPath(build));
                afterCommit.run(
                        "removing the prefix of canceled build " + buildId,
                        () -> locations.layout().deleteInsideStore(prefix));
            }
        }
        return status;
    }

    /**
     * Removes the partial prefix of a build canceled while {@code attempt} ran it on {@code workerId} (or, from the
     * sweeper, whose worker was lost: {@code workerId} null), and forgets the worker.
     *
     * @return false when the build was not canceled during that attempt (it was taken over)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean discardCanceled(long buildId, Integer attempt, String workerId) {
        Build build = builds.findForUpdate(buildId).orElse(null);
        if (build == null
                || build.getStatus() != BuildStatus.CANCELED
                || (attempt != null && build.getAttempt() != attempt)
                || (workerId != null && !workerId.equals(build.getWorkerId()))) {
            return false;
        }
        if (!build.isDeleted() && build.artifact(BuildArtifactType.DIRECTORY).isEmpty()) {
            try {
                locations.layout().deleteInsideStore(Path.of(locations.buildPath(build)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot delete the partial prefix of canceled build " + buildId, e);
            }
        }
        build.releaseWorker();
        return true;
    }

    /**
     * Checks that the caller may cancel the build and returns its status.
     *
     * @throws io.terrarium.application.RequestRejectedException NOT_FOUND when there is no such build
     */
    public BuildStatus statusForCancel(long buildId) {
        Build build = builds.find(buildId)
                .orElseThrow(
                        () -> io.terrarium.application.RequestRejectedException.notFound("build id does not exist"));
        authorization.require(
                io.terrarium.application.security.Permission.BUILD_CANCEL,
                io.terrarium.application.security.AuthorizationService.arn(
                        build.getEnvironment().getNamespace().getName(),
                        build.getEnvironment().getName()));
        return build.getStatus();
    }

    private Build existing(long buildId) {
        return builds.find(buildId).orElseThrow(() -> missing(buildId));
    }

    /** Finds the build and locks its row. */
    private Build lockedExisting(long buildId) {
        return builds.findForUpdate(buildId).orElseThrow(() -> missing(buildId));
    }

    private static BuildNotRunnableException missing(long buildId) {
        return new BuildNotRunnableException("build " + buildId + " does not exist");
    }

    /** Finds the build under its row lock, or throws when {@code attempt} no longer holds it. */
    private Build held(long buildId, int attempt) {
        Build build = lockedExisting(buildId);
        if (!build.heldBy(attempt)) {
            throw new BuildFencedException(buildId, attempt);
        }
        return build;
    }

    private void safeLog(long buildId, String text) {
        try {
            appendLog(buildId, text);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot write to the log of build " + buildId, e);
        }
    }

    /**
     * What the build job needs to run the build: the parsed environment specification (or conda-lock file) to
     * install, its channels, the prefix, the artifact directory, the log file and the effective build_artifacts.
     * The stored specification was validated when it was submitted.
     */
    private BuildPlan plan(Build build) {
        String namespace = build.getEnvironment().getNamespace().getName();
        String envName = build.getEnvironment().getName();
        EffectiveSettings settings = settingsService.effective(namespace, envName);
        String key = locations.key(build);
        Map<String, Object> spec = Json.parseObject(build.getSpecification().getSpecJson());
        SpecificationContent content;
        List<String> channels = new ArrayList<>();
        if (build.getSpecification().isLockfile()) {
            LockfileSpecification lockfile = LockfileSpecification.fromTree(spec.get("lockfile"), envName, null);
            if (lockfile.lockfile().get("metadata") instanceof Map<?, ?> metadata
                    && metadata.get("channels") instanceof List<?> list) {
                for (Object c : list) {
                    channels.add(c instanceof Map<?, ?> m ? String.valueOf(m.get("url")) : String.valueOf(c));
                }
            }
            content = lockfile;
        } else {
            channels.addAll(Json.strings(spec, "channels"));
            List<String> conda = new ArrayList<>();
            List<String> pip = new ArrayList<>();
            if (spec.get("dependencies") instanceof List<?> list) {
                for (Object d : list) {
                    if (d instanceof String s) {
                        conda.add(s);
                    } else if (d instanceof Map<?, ?> m && m.get("pip") instanceof List<?> p) {
                        p.forEach(x -> pip.add(String.valueOf(x)));
                    }
                }
            }
            Map<String, Object> variables = null;
            if (spec.get("variables") instanceof Map<?, ?> vars && !vars.isEmpty()) {
                variables = new LinkedHashMap<>();
                for (Map.Entry<?, ?> v : vars.entrySet()) {
                    variables.put(String.valueOf(v.getKey()), String.valueOf(v.getValue()));
                }
            }
            content = new EnvironmentSpecification(
                    envName, null, channels, conda, pip.isEmpty() ? null : pip, variables, null);
        }
        return new BuildPlan(
                build.getId(),
                namespace,
                envName,
                content,
                channels,
                Path.of(locations.buildPath(build)),
                locations.storageFile(StoreLayout.artifactDirectoryKey(key)),
                locations.storageFile(StoreLayout.logsKey(key)),
                new LinkedHashSet<>(settings.list(SettingKey.BUILD_ARTIFACTS)),
                buildSettings(settings));
    }

    private static BuildSettings buildSettings(EffectiveSettings settings) {
        Object uid = settings.get(SettingKey.DEFAULT_UID);
        Object gid = settings.get(SettingKey.DEFAULT_GID);
        return new BuildSettings(
                Duration.ofSeconds(Math.max(1, settings.number(SettingKey.CONDA_MAX_SOLVE_TIME))),
                settings.string(SettingKey.CONDA_CHANNEL_ALIAS),
                settings.list(SettingKey.CONDA_SOLVE_PLATFORMS),
                uid == null ? null : ((Number) uid).longValue(),
                gid == null ? null : ((Number) gid).longValue(),
                settings.string(SettingKey.DEFAULT_PERMISSIONS));
    }
}
