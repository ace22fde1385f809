package io.terrarium.conda;

import io.terrarium.conda.solve.SolveRequest;
import io.terrarium.conda.types.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a build's lock step solves: for which platforms (the first is the one the build installs), with which
 * environment variables over the process's own ({@code CONDA_OVERRIDE_CUDA}, {@code _GLIBC}, {@code _OSX}, ... set the
 * virtual packages, as in conda), and within how much time per solve.
 *
 * @param platforms    the platforms to lock, the build's own first, without repeats
 * @param variables    the specification's {@code variables}; only {@code CONDA_OVERRIDE_*} entries matter here, and an
 *                     empty value removes that virtual package
 * @param maxSolveTime the time one solve (and one pip resolve) may take ({@code conda_max_solve_time})
 */
public record LockOptions(List<Platform> platforms, Map<String, String> variables, Duration maxSolveTime) {

    public LockOptions {
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("a lock needs at least one platform");
        }
        List<Platform> unique = new ArrayList<>();
        for (Platform p : platforms) {
            if (!unique.contains(Objects.requireNonNull(p, "platform"))) {
                unique.add(p);
            }
        }
        platforms = List.copyOf(unique);
        variables = Map.copyOf(new LinkedHashMap<>(variables));
        if (maxSolveTime.isZero() || maxSolveTime.isNegative()) {
            throw new IllegalArgumentException("the solve time must be positive, got " + maxSolveTime);
        }
    }

    /** One platform, the process's environment variables, the solver's default time limit. */
    public static LockOptions of(Platform platform) {
        return new LockOptions(List.of(platform), Map.of(), SolveRequest.DEFAULT_TIMEOUT);
    }

    /** The platform the build installs. */
    public Platform platform() {
        return platforms.get(0);
    }
}
