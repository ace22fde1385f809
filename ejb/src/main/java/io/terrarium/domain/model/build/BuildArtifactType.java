package io.terrarium.domain.model.build;

/**
 * Kinds of files a build produces, with conda-store's names (string values equal the names).
 */
public enum BuildArtifactType {
    /** The build prefix itself; the key is its absolute path. */
    DIRECTORY,
    LOCKFILE,
    LOGS,
    YAML,
    CONDA_PACK,
    DOCKER_MANIFEST,
    CONSTRUCTOR_INSTALLER,
    /** Deprecated in conda-store, kept so old rows still read. */
    CONTAINER_REGISTRY,
    /** Deprecated in conda-store, kept so old rows still read. */
    DOCKER_BLOB
}
