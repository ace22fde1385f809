package io.terrarium.infrastructure.batch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The effective settings a build job applies, read once when the build is planned so that every step and every
 * restarted execution sees the same values.
 *
 * @param maxSolveTime       {@code conda_max_solve_time}: the time the conda solve, and the pip resolve, may take
 * @param channelAlias       {@code conda_channel_alias}: the URL a bare channel name expands under
 * @param solvePlatforms     {@code conda_solve_platforms}: the platforms the lockfile holds (the build installs the
 *                           server's own platform, which is always locked)
 * @param uid                {@code default_uid}: the owner the prefix is given, or null to leave it
 * @param gid                {@code default_gid}: the group the prefix is given, or null to leave it
 * @param permissions        {@code default_permissions}: octal mode ({@code 775}) applied to the prefix, or null
 */
public record BuildSettings(
        Duration maxSolveTime,
        String channelAlias,
        List<String> solvePlatforms,
        Long uid,
        Long gid,
        String permissions) {

    public BuildSettings {
        Objects.requireNonNull(maxSolveTime, "maxSolveTime");
        Objects.requireNonNull(channelAlias, "channelAlias");
        solvePlatforms = List.copyOf(solvePlatforms);
    }
}
