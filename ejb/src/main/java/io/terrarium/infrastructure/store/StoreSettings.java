package io.terrarium.infrastructure.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The store's directory settings, as conda-store names them: {@code store_directory}, the {@code build_directory}
 * and {@code environment_directory} templates, {@code win_extended_length_prefix}, plus where artifacts are kept.
 *
 * @param storeDirectory absolute store root
 * @param buildDirectory template with {@code {store_directory}} and {@code {namespace}}
 * @param environmentDirectory template with {@code {store_directory}}, {@code {namespace}} and {@code {name}}
 * @param winExtendedLengthPrefix prefix Windows paths with {@code \\?\}
 * @param windows whether paths are Windows paths (the server's OS; settable for tests)
 * @param storageDirectory root of artifact storage keys ({@code logs/…}, {@code lockfile/…}, …)
 */
public record StoreSettings(
        Path storeDirectory,
        String buildDirectory,
        String environmentDirectory,
        boolean winExtendedLengthPrefix,
        boolean windows,
        Path storageDirectory) {

    public static final String DEFAULT_BUILD_DIRECTORY = "{store_directory}/{namespace}";
    public static final String DEFAULT_ENVIRONMENT_DIRECTORY = "{store_directory}/{namespace}/envs/{name}";
    /** Directory under the store holding artifacts; dot-named so no namespace can take it. */
    public static final String STORAGE_DIR_NAME = ".storage";

    public StoreSettings {
        storeDirectory = Objects.requireNonNull(storeDirectory, "storeDirectory")
                .toAbsolutePath()
                .normalize();
        Objects.requireNonNull(buildDirectory, "buildDirectory");
        Objects.requireNonNull(environmentDirectory, "environmentDirectory");
        storageDirectory = storageDirectory == null
                ? storeDirectory.resolve(STORAGE_DIR_NAME)
                : storageDirectory.toAbsolutePath().normalize();
    }

    /** conda-store's defaults under the given store directory, on this machine's OS. */
    public static StoreSettings defaults(Path storeDirectory) {
        return new StoreSettings(
                storeDirectory,
                DEFAULT_BUILD_DIRECTORY,
                DEFAULT_ENVIRONMENT_DIRECTORY,
                false,
                System.getProperty("os.name", "").toLowerCase().startsWith("win"),
                null);
    }
}
