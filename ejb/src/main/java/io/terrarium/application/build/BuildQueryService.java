package io.terrarium.application.build;

import io.terrarium.application.BuildLocations;
import io.terrarium.application.Page;
import io.terrarium.application.Paging;
import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.security.ArnPattern;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.view.BuildRunView;
import io.terrarium.application.view.BuildView;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.build.BuildArtifact;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.infrastructure.batch.JobOwner;
import io.terrarium.infrastructure.batch.JobOwners;
import io.terrarium.infrastructure.batch.JobRepository;
import io.terrarium.infrastructure.persistence.BuildRepository;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads builds for the API: listings, single builds and the files of their artifacts.
 */
@Stateless
public class BuildQueryService {

    @Inject
    private BuildRepository builds;

    @Inject
    private BuildLocations locations;

    @Inject
    private AuthorizationService authorization;

    @EJB
    private JobOwners owners;

    @EJB
    private JobRepository repository;

    @Inject
    private FinishedRuns finishedRuns;

    /** A single build as the API shows it: the build and how it ran. */
    public record BuildDetail(BuildView build, BuildRunView runs) {}

    /**
     * Where an artifact's file is, its storage key (relative to the storage directory, or an absolute path for a
     * file kept outside it) and what it is called in a download.
     */
    public record ArtifactFile(Path path, String key, String downloadName) {}

    /** sort_by: {@code id} (default), {@code started_on}, {@code scheduled_on}, {@code ended_on}. */
    public Page<BuildView> list(BuildFilter filter, Paging paging) {
        List<String> sort = paging.sortBy().isEmpty() ? List.of("id") : paging.sortBy();
        // only builds of environments the caller may read, filtered in the query so that page and count agree
        List<ArnPattern> visible = authorization.scopesGranting(Permission.ENVIRONMENT_READ);
        List<BuildView> items =
                builds.search(filter, visible, sort, paging.descending(), paging.offset(), paging.size()).stream()
                        .map(BuildView::summary)
                        .toList();
        return new Page<>(items, paging.page(), paging.size(), builds.count(filter, visible));
    }

    public BuildView get(long buildId) {
        return BuildView.detail(readable(buildId));
    }

    /**
     * One read of one build (one permission check, one persistence context); a finished build's runs come from
     * {@link FinishedRuns} once read.
     */
    public BuildDetail detail(long buildId) {
        Build build = readableWithDetails(buildId);
        BuildRunView runs = finishedRuns.of(build).orElseGet(() -> {
            BuildRunView read = runsOf(build);
            finishedRuns.remember(build, read);
            return read;
        });
        return new BuildDetail(BuildView.detail(build), runs);
    }

    /** @return the build's attempt, worker and job executions (with steps) from the batch repository */
    private BuildRunView runsOf(Build build) {
        List<JobOwner> owned = owners.ofBuild(build.getId());
        Map<Long, JobRepository.Execution> executions = repository.executions(
                owned.stream().map(JobOwner::getJobExecutionId).toList());
        Map<Long, Map<String, Integer>> checkpoints = new java.util.HashMap<>();
        List<BuildRunView.JobExecutionView> views = new ArrayList<>();
        for (JobOwner o : owned) {
            JobRepository.Execution e = executions.get(o.getJobExecutionId());
            if (e == null) {
                continue;
            }
            Map<String, Integer> instance = checkpoints.computeIfAbsent(e.instanceId(), repository::readerCheckpoints);
            List<BuildRunView.StepView> steps = e.steps().stream()
                    .map(s -> new BuildRunView.StepView(
                            s.name(),
                            s.status(),
                            s.start(),
                            s.end(),
                            s.readCount(),
                            s.writeCount(),
                            checkpoint(instance, s)))
                    .toList();
            views.add(new BuildRunView.JobExecutionView(
                    e.id(), e.status(), e.start(), e.end(), o.getWorkerId(), o.getAttempt(), steps));
        }
        return new BuildRunView(build.getAttempt(), build.getWorkerId(), views);
    }

    /**
     * The packages a chunk step committed, from its job instance's reader checkpoint (the repository's counts stay 0
     * while a step runs); null for steps without one.
     */
    private static String checkpoint(Map<String, Integer> instanceCheckpoints, JobRepository.StepExecution step) {
        Integer next = instanceCheckpoints.get(step.name());
        return next == null ? null : next.toString();
    }

    /**
     * @return the file of the build's artifact of that type, if the build has one and it exists on disk
     * @throws RequestRejectedException NOT_FOUND when the build does not exist
     */
    public Optional<ArtifactFile> artifactFile(long buildId, BuildArtifactType type) {
        Build build = readable(buildId);
        Optional<BuildArtifact> artifact = build.artifact(type);
        if (artifact.isEmpty()) {
            return Optional.empty();
        }
        Path file = locations.layout().artifactFile(artifact.get().getKey());
        String key = locations.key(build);
        String name = switch (type) {
            case LOGS -> key + ".log";
            case LOCKFILE -> "conda-lock.yml";
            case YAML -> key + ".yml";
            case CONDA_PACK -> key + ".tar.gz";
            default -> file.getFileName().toString();
        };
        return Optional.of(new ArtifactFile(file, artifact.get().getKey(), name));
    }

    /** @return the log file, which exists from the moment the build starts (readable while it runs) */
    public Optional<ArtifactFile> logFile(long buildId) {
        Optional<ArtifactFile> registered = artifactFile(buildId, BuildArtifactType.LOGS);
        if (registered.isPresent()) {
            return registered;
        }
        Build build = readable(buildId);
        String key = locations.key(build);
        String logsKey = StoreLayout.logsKey(key);
        return Optional.of(new ArtifactFile(locations.storageFile(logsKey), logsKey, key + ".log"));
    }

    private Build readable(long buildId) {
        return requireReadable(
                builds.find(buildId).orElseThrow(() -> RequestRejectedException.notFound("build id does not exist")));
    }

    /** As {@link #readable}, with the environment, namespace, specification and artifacts read in one query. */
    private Build readableWithDetails(long buildId) {
        return requireReadable(builds.findWithDetails(buildId)
                .orElseThrow(() -> RequestRejectedException.notFound("build id does not exist")));
    }

    private Build requireReadable(Build build) {
        authorization.require(
                Permission.ENVIRONMENT_READ,
                AuthorizationService.arn(
                        build.getEnvironment().getNamespace().getName(),
                        build.getEnvironment().getName()));
        return build;
    }
}
