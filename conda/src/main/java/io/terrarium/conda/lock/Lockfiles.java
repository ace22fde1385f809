package io.terrarium.conda.lock;

import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads either kind of lockfile (conda-lock YAML or {@code @EXPLICIT}), telling them apart by content, into the
 * records to install for one platform.
 */
public final class Lockfiles {
    private Lockfiles() {}

    /** The two lockfile formats. */
    public enum Format {
        CONDA_LOCK,
        EXPLICIT
    }

    /**
     * What a lockfile pins for one platform.
     *
     * @param conda records to install, without solving, in the file's order
     * @param pip   pip entries (conda-lock only), to install after the conda records
     */
    public record Locked(Format format, String platform, List<PackageRecord> conda, List<LockedPackage> pip) {
        public Locked {
            conda = List.copyOf(conda);
            pip = List.copyOf(pip);
        }
    }

    /** The format of {@code text}: explicit if it has an {@code @EXPLICIT} line, conda-lock if it has its keys. */
    public static Format detect(String text, String source) {
        if (ExplicitEnvironment.isExplicit(text)) {
            return Format.EXPLICIT;
        }
        if (CondaLockYaml.looksLikeCondaLock(text)) {
            return Format.CONDA_LOCK;
        }
        throw new LockfileFormatException(source + ": neither a conda-lock file (no 'package:' or 'metadata:' key)"
                + " nor an explicit file (no @EXPLICIT line)");
    }

    /** The UTF-8 text of {@code file}; other bytes are a {@link LockfileFormatException} saying it is not {@code kind}. */
    static String readText(Path file, String kind) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new LockfileFormatException(file + ": not a UTF-8 text file, so not " + kind);
        }
    }

    /**
     * Reads a lockfile for {@code platform}.
     *
     * @param platform the subdir to install for; {@code null}: the file's only platform, else {@code fallback}
     * @param categories conda-lock categories to take ({@code null}: all)
     * @throws LockfileFormatException when the file is unreadable as either format or does not cover the platform
     */
    public static Locked read(Path file, String platform, String fallback, Set<String> categories) throws IOException {
        String text;
        try {
            text = readText(file, "a lockfile");
        } catch (NoSuchFileException e) {
            throw new LockfileFormatException(file + ": no such file");
        }
        return parse(text, file.toString(), platform, fallback, categories);
    }

    /**
     * Reads lockfile text for {@code platform}, as {@link #read} reads a file.
     *
     * @param source names the text in error messages
     */
    public static Locked parse(String text, String source, String platform, String fallback, Set<String> categories) {
        if (detect(text, source) == Format.EXPLICIT) {
            ExplicitEnvironment env = ExplicitEnvironment.parse(text, source, System.getenv());
            String target = platform != null ? platform : env.platform() != null ? env.platform() : fallback;
            if (env.platform() != null && !env.platform().equals(target)) {
                throw new LockfileFormatException(
                        source + " is an explicit file for " + env.platform() + ", not for " + target);
            }
            return new Locked(Format.EXPLICIT, target, env.records(), List.of());
        }
        CondaLock lock = CondaLockYaml.parse(text, source);
        List<String> platforms = lock.metadata().platforms();
        String target = platform != null ? platform : platforms.size() == 1 ? platforms.get(0) : fallback;
        try {
            return new Locked(
                    Format.CONDA_LOCK,
                    target,
                    lock.condaRecords(target, categories),
                    lock.pipPackages(target, categories));
        } catch (LockfileFormatException e) {
            throw new LockfileFormatException(source + ": " + e.getMessage(), e);
        }
    }
}
