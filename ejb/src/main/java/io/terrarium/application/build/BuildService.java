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
import io.terrarium.infrastructure.batch.BuildPlan;
import io.terrarium.infrastructure.persistence.BuildRepository;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The build life cycle as the build job drives it: start (QUEUED to BUILDING), log, record artifacts, complete
 * with the installed packages, fail, mark canceled and activate. Every state change locks the build's row.
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
    private io.terrarium.application.security.AuthorizationService authorization;

    /**
     * Claims a build for a job execution, for the JMS-started job and its restarts. A first start claims only a
     * QUEUED build (a duplicate message finds it BUILDING and gets nothing); a restart also claims a BUILDING,
     * FAILED or CANCELED build again.
     *
     * @return the build's plan, or empty when the build must not run
     */
    public java.util.Optional<BuildPlan> claim(long buildId, String jobExecutionId, String serverInstance,
            boolean restart) {
        Build build = builds.findForUpdate(buildId).orElse(null);
        if (build == null || build.isDeleted() || build.getEnvironment().isDeleted()) {
            return java.util.Optional.empty();
        }
        BuildStatus status = build.getStatus();
        boolean claimable = restart ? status != BuildStatus.COMPLETED : status == BuildStatus.QUEUED;
        if (!claimable) {
            LOG.log(Level.INFO, "build {0} is {1}; job execution {2} does not run it",
                    new Object[] {buildId, status, jobExecutionId});
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(start(build, jobExecutionId, serverInstance, restart));
    }

    private BuildPlan start(Build build, String jobExecutionId, String serverInstance, boolean restart) {
        long buildId = build.getId();
        boolean firstStart = build.getStatus() == BuildStatus.QUEUED;
        if (restart) {
            build.resume(jobExecutionId, serverInstance, Timestamps.now());
        } else {
            build.markBuilding(jobExecutionId, serverInstance, Timestamps.now());
        }
        String key = locations.key(build);
        build.putArtifact(BuildArtifactType.LOGS, StoreLayout.logsKey(key));
        appendLog(buildId, (firstStart ? "starting build of conda environment " : "resuming build of conda environment ")
                + Timestamps.now() + " UTC (job execution " + jobExecutionId + " on " + serverInstance + ")");
        return plan(build);
    }

    /** @return the plan of a build without changing it (for later steps of a job) */
    public BuildPlan plan(long buildId) {
        return plan(existing(buildId));
    }

    /** Appends text to the build log; outside any transaction, so a rolled-back chunk keeps its log lines. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void appendLog(long buildId, String text) {
        logs.append(buildId, id -> {
            Build build = existing(id);
            return locations.storageFile(StoreLayout.logsKey(locations.key(build)));
        }, text);
    }

    /** Records (or replaces) the artifact of a type from the file the job wrote (inside or outside the storage). */
    public void recordArtifactFile(long buildId, BuildArtifactType type, Path file) {
        recordArtifact(buildId, type, locations.layout().storageKey(file));
    }

    /** Completes the build and activates it, in one transaction. */
    public void completeAndActivate(long buildId, List<PackageRecord> installed, long size) {
        complete(buildId, installed, size);
        activate(buildId);
    }

    /** Records (or replaces) the artifact of a type, e.g. after the job wrote the lockfile to {@code lockfileFile}. */
    public void recordArtifact(long buildId, BuildArtifactType type, String key) {
        Build build = lockedExisting(buildId);
        build.putArtifact(type, key);
    }

    /**
     * Marks the build COMPLETED with its installed packages and prefix size, and records the DIRECTORY artifact.
     * Does not activate it: call {@link #activate(long)} for that.
     */
    public void complete(long buildId, List<PackageRecord> installed, long size) {
        Build build = runnable(buildId);
        installedPackages.record(build, installed);
        build.putArtifact(BuildArtifactType.DIRECTORY, locations.buildPath(build));
        build.markCompleted(size, Timestamps.now());
        appendLog(buildId, "build completed: " + installed.size() + " packages, " + size + " bytes");
    }

    /**
     * Marks the build FAILED with a message for users; in its own transaction, since the caller's work usually
     * rolled back. A build that already ended is left as it is.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void fail(long buildId, String statusInfo) {
        builds.findForUpdate(buildId).ifPresent(build -> {
            if (build.getStatus().isFinal()) {
                LOG.log(Level.INFO, "build {0} is already {1}; not marking it FAILED ({2})",
                        new Object[] {buildId, build.getStatus(), statusInfo});
                return;
            }
            build.markFailed(statusInfo, Timestamps.now());
            safeLog(buildId, "build failed: " + statusInfo);
        });
    }

    /** Marks the build CANCELED (e.g. from the job listener once a stop took effect); no-op when already ended. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markCanceled(long buildId, String reason) {
        builds.findForUpdate(buildId).ifPresent(build -> {
            if (!build.getStatus().isFinal()) {
                build.markCanceled(reason, Timestamps.now());
                safeLog(buildId, reason);
            }
        });
    }

    /** Makes a COMPLETED build its environment's current build and swaps the environment symlink. */
    public void activate(long buildId) {
        Build build = lockedExisting(buildId);
        if (build.isDeleted() || build.getEnvironment().isDeleted()) {
            throw new BuildNotRunnableException("build " + buildId + " or its environment was deleted");
        }
        activation.activate(build);
        appendLog(buildId, "activated: " + locations.environmentPath(build).orElse("(build key v3: no symlink)")
                + " -> " + locations.buildPath(build));
    }

    /**
     * Checks that the caller may cancel the build and returns its status.
     *
     * @throws io.terrarium.application.RequestRejectedException NOT_FOUND when there is no such build
     */
    public BuildStatus statusForCancel(long buildId) {
        Build build = builds.find(buildId)
                .orElseThrow(() -> io.terrarium.application.RequestRejectedException.notFound("build id does not exist"));
        authorization.require(io.terrarium.application.security.Permission.BUILD_CANCEL,
                io.terrarium.application.security.AuthorizationService.arn(build.getEnvironment().getNamespace().getName(),
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

    private Build runnable(long buildId) {
        Build build = lockedExisting(buildId);
        if (build.isDeleted()) {
            throw new BuildNotRunnableException("build " + buildId + " was deleted");
        }
        if (build.getStatus().isFinal()) {
            throw new BuildNotRunnableException("build " + buildId + " is already " + build.getStatus());
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
            content = new EnvironmentSpecification(envName, null, channels, conda, pip.isEmpty() ? null : pip,
                    variables, null);
        }
        return new BuildPlan(build.getId(), namespace, envName, content, channels,
                Path.of(locations.buildPath(build)), locations.storageFile(StoreLayout.artifactDirectoryKey(key)),
                locations.storageFile(StoreLayout.logsKey(key)),
                new LinkedHashSet<>(settings.list(SettingKey.BUILD_ARTIFACTS)));
    }
}
