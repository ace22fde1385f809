package io.terrarium.infrastructure.batch;

import io.terrarium.domain.model.specification.SpecificationContent;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the build job needs to know about one build, resolved by the application from the build, its
 * specification and the effective settings.
 *
 * @param buildId          the build
 * @param namespace        namespace name
 * @param environmentName  environment name
 * @param specification    the parsed specification: an {@code EnvironmentSpecification} after defaults and
 *                         required packages were applied, or a {@code LockfileSpecification} to install without
 *                         solving
 * @param channels         channels to solve against, as written (names, paths or URLs), highest priority first
 * @param buildPath        the prefix to create
 * @param artifactDir      a directory private to this build for its artifact files (lockfile, yaml, archive)
 * @param logFile          the build log, appended to by every step
 * @param buildArtifacts   effective {@code build_artifacts} setting (LOCKFILE, YAML, CONDA_PACK, ...)
 * @param settings         the other effective settings the build applies (solve time, channel alias, platforms,
 *                         prefix ownership)
 */
public record BuildPlan(
        long buildId,
        String namespace,
        String environmentName,
        SpecificationContent specification,
        List<String> channels,
        Path buildPath,
        Path artifactDir,
        Path logFile,
        Set<String> buildArtifacts,
        BuildSettings settings) {

    public BuildPlan {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(environmentName, "environmentName");
        Objects.requireNonNull(specification, "specification");
        channels = List.copyOf(channels);
        Objects.requireNonNull(buildPath, "buildPath");
        Objects.requireNonNull(artifactDir, "artifactDir");
        Objects.requireNonNull(logFile, "logFile");
        buildArtifacts = Set.copyOf(buildArtifacts);
        Objects.requireNonNull(settings, "settings");
    }

    /** @return true when the specification is a conda-lock file to install without solving */
    public boolean lockfile() {
        return specification.isLockfile();
    }
}
