package io.terrarium.conda.pip.resolve;

import io.terrarium.conda.pip.requirement.MarkerEnvironment;
import io.terrarium.conda.pip.version.PipVersion;
import io.terrarium.conda.pip.wheel.CompatibleTags;
import java.util.Objects;

/**
 * The environment pip packages are resolved for, taken from the conda solution: its CPython version, conda
 * platform, and the glibc / macOS versions that bound its wheel tags.
 *
 * @param pythonVersion the python record's version ({@code 3.11.4})
 * @param condaPlatform the conda platform ({@code linux-64}, {@code osx-arm64}, {@code win-64}, ...)
 * @param glibc         the glibc the environment targets on Linux ({@code 2.17}, conda's {@code __glibc}), or null
 *                      for the default 2.17
 * @param macos         the oldest macOS on osx ({@code 11.0}, conda's {@code __osx}), or null for conda's default
 */
public record PipTarget(String pythonVersion, String condaPlatform, String glibc, String macos) {

    public PipTarget {
        Objects.requireNonNull(pythonVersion, "pythonVersion");
        Objects.requireNonNull(condaPlatform, "condaPlatform");
    }

    /** A target with the default glibc/macOS floors. */
    public static PipTarget of(String pythonVersion, String condaPlatform) {
        return new PipTarget(pythonVersion, condaPlatform, null, null);
    }

    public MarkerEnvironment markers() {
        return MarkerEnvironment.of(pythonVersion, condaPlatform);
    }

    public CompatibleTags tags() {
        return CompatibleTags.cpython(
                pythonVersion,
                condaPlatform,
                condaPlatform.startsWith("linux-") ? (glibc == null ? "2.17" : glibc) : null,
                null,
                macos);
    }

    /** The python version as a PEP 440 version, for Requires-Python. */
    public PipVersion python() {
        return PipVersion.parse(markers().get("python_full_version"));
    }

    /** {@code python 3.11 on linux-64}, for messages. */
    public String describe() {
        return "python " + markers().get("python_version") + " on " + condaPlatform;
    }
}
