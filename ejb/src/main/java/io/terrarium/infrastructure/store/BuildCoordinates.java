package io.terrarium.infrastructure.store;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The facts about a build that determine where it lives in the store: its id, key version, specification
 * hash and name, schedule time and namespace.
 *
 * @param scheduledOn naive UTC, truncated to microseconds as the database keeps it
 */
public record BuildCoordinates(
        long buildId, int keyVersion, String specSha256, LocalDateTime scheduledOn, String specName, String namespace) {

    public BuildCoordinates {
        BuildKey.checkVersion(keyVersion);
        Objects.requireNonNull(specSha256, "specSha256");
        if (specSha256.length() < 32) {
            throw new IllegalArgumentException("specSha256 must be a sha256 hex digest");
        }
        Objects.requireNonNull(scheduledOn, "scheduledOn");
        Objects.requireNonNull(specName, "specName");
        Objects.requireNonNull(namespace, "namespace");
    }
}
