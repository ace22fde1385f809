package io.terrarium.application.build;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything a build job needs to run one build, read once when the build starts: what to install, from which
 * channels, for which platforms, and where the prefix, the environment symlink and each artifact file go.
 *
 * @param specificationJson the stored specification as JSON (also valid YAML): for environments the
 *        {@code environment.yml} fields, for lockfiles {@code {name, description, lockfile}}
 * @param lockfileJson for lockfile builds, the conda-lock v1 document to install as JSON; null otherwise
 * @param channels channels as written in the specification (after defaults were applied)
 * @param pipDependencies pip requirements, empty when none
 * @param platforms conda subdirs to solve for ({@code conda_solve_platforms}), the first being the install target
 * @param buildPath absolute path of the prefix to create
 * @param environmentPath the environment symlink, null for build key version 3
 * @param buildArtifacts the artifact types to produce ({@code build_artifacts}), e.g. LOCKFILE, YAML, CONDA_PACK
 * @param logFile, lockfileFile, yamlFile, archiveFile absolute paths of the artifact files
 * @param logsKey, lockfileKey, yamlKey, archiveKey the storage keys to pass to {@code recordArtifact}
 */
public record BuildContext(long buildId, String buildKey, int buildKeyVersion, String namespace, String environmentName,
        long environmentId, boolean lockfile, String specificationJson, String lockfileJson, List<String> channels,
        List<String> condaDependencies, List<String> pipDependencies, Map<String, String> variables,
        List<String> platforms, String channelAlias, String buildPath, String environmentPath,
        List<String> buildArtifacts, String logFile, String logsKey, String lockfileFile, String lockfileKey,
        String yamlFile, String yamlKey, String archiveFile, String archiveKey, String jobExecutionId)
        implements Serializable {

    public BuildContext {
        channels = List.copyOf(channels);
        condaDependencies = List.copyOf(condaDependencies);
        pipDependencies = List.copyOf(pipDependencies);
        variables = Map.copyOf(variables);
        platforms = List.copyOf(platforms);
        buildArtifacts = List.copyOf(buildArtifacts);
    }

    /** @return true if the {@code build_artifacts} setting asks for this artifact type */
    public boolean wants(String artifactType) {
        return buildArtifacts.contains(artifactType);
    }
}
