package io.terrarium.application.settings;

import io.terrarium.domain.model.build.BuildArtifactType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The runtime settings conda-store keeps in its key-value store, with their value types and whether they may
 * only be set globally.
 */
public enum SettingKey {
    DEFAULT_NAMESPACE("default_namespace", Type.STRING, true),
    FILESYSTEM_NAMESPACE("filesystem_namespace", Type.STRING, true),
    DEFAULT_UID("default_uid", Type.OPTIONAL_INTEGER, true),
    DEFAULT_GID("default_gid", Type.OPTIONAL_INTEGER, true),
    DEFAULT_PERMISSIONS("default_permissions", Type.OPTIONAL_STRING, true),
    STORAGE_THRESHOLD("storage_threshold", Type.INTEGER, true),
    CONDA_COMMAND("conda_command", Type.STRING, true),
    CONDA_PLATFORMS("conda_platforms", Type.STRING_LIST, true),
    CONDA_MAX_SOLVE_TIME("conda_max_solve_time", Type.INTEGER, true),
    CONDA_INDEXED_CHANNELS("conda_indexed_channels", Type.STRING_LIST, true),
    BUILD_ARTIFACTS_KEPT_ON_DELETION("build_artifacts_kept_on_deletion", Type.ARTIFACT_LIST, true),
    /** Terrarium addition: the key version new builds get (1, 2 or 3); conda-store has it as a deployment trait. */
    BUILD_KEY_VERSION("build_key_version", Type.INTEGER, true),

    CONDA_SOLVE_PLATFORMS("conda_solve_platforms", Type.STRING_LIST, false),
    CONDA_CHANNEL_ALIAS("conda_channel_alias", Type.STRING, false),
    CONDA_DEFAULT_CHANNELS("conda_default_channels", Type.STRING_LIST, false),
    CONDA_ALLOWED_CHANNELS("conda_allowed_channels", Type.STRING_LIST, false),
    CONDA_DEFAULT_PACKAGES("conda_default_packages", Type.STRING_LIST, false),
    CONDA_REQUIRED_PACKAGES("conda_required_packages", Type.STRING_LIST, false),
    CONDA_INCLUDED_PACKAGES("conda_included_packages", Type.STRING_LIST, false),
    PYPI_DEFAULT_PACKAGES("pypi_default_packages", Type.STRING_LIST, false),
    PYPI_REQUIRED_PACKAGES("pypi_required_packages", Type.STRING_LIST, false),
    PYPI_INCLUDED_PACKAGES("pypi_included_packages", Type.STRING_LIST, false),
    BUILD_ARTIFACTS("build_artifacts", Type.ARTIFACT_LIST, false);

    /** Value types, checked when a setting is written. */
    public enum Type {
        STRING,
        OPTIONAL_STRING,
        INTEGER,
        OPTIONAL_INTEGER,
        STRING_LIST,
        ARTIFACT_LIST
    }

    private final String key;
    private final Type type;
    private final boolean global;

    SettingKey(String key, Type type, boolean global) {
        this.key = key;
        this.type = type;
        this.global = global;
    }

    public String key() {
        return key;
    }

    public Type type() {
        return type;
    }

    /** @return true if the setting may only be set at the global level */
    public boolean isGlobal() {
        return global;
    }

    public static Optional<SettingKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /**
     * @return the value normalised to its Java form (Long, String, List of String)
     * @throws IllegalArgumentException with a "validation error" message when the value has the wrong type
     */
    public Object coerce(Object value) {
        return switch (type) {
            case STRING -> {
                if (value instanceof String s) {
                    yield s;
                }
                throw error("a string", value);
            }
            case OPTIONAL_STRING -> {
                if (value == null || value instanceof String) {
                    yield value;
                }
                throw error("a string or null", value);
            }
            case INTEGER -> {
                if (value instanceof Number n && n.doubleValue() == n.longValue()) {
                    long v = n.longValue();
                    if (this == BUILD_KEY_VERSION && (v < 1 || v > 3)) {
                        throw new IllegalArgumentException(
                                "1 validation error for " + key + ": must be 1, 2 or 3, got " + v);
                    }
                    yield v;
                }
                throw error("an integer", value);
            }
            case OPTIONAL_INTEGER -> {
                if (value == null) {
                    yield null;
                }
                if (value instanceof Number n && n.doubleValue() == n.longValue()) {
                    yield n.longValue();
                }
                throw error("an integer or null", value);
            }
            case STRING_LIST -> strings(value);
            case ARTIFACT_LIST -> {
                List<String> names = strings(value);
                for (String name : names) {
                    try {
                        BuildArtifactType.valueOf(name);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "1 validation error for " + key + ": '" + name + "' is not an artifact type; use "
                                        + Arrays.toString(BuildArtifactType.values()),
                                e);
                    }
                }
                yield names;
            }
        };
    }

    private List<String> strings(Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw error("a list of strings", value);
    }

    private IllegalArgumentException error(String expected, Object value) {
        return new IllegalArgumentException("1 validation error for " + key + ": expected " + expected + ", got "
                + (value == null ? "null" : value));
    }
}
