package io.terrarium.conda.cli;

import io.terrarium.conda.CondaEngine;
import io.terrarium.conda.env.EnvironmentSpec;
import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.pkg.PackageCache;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the create/install/lock/pack commands share: the exit codes, the refusal of bad input ({@link BadInput},
 * which {@link CliErrors} maps to exit 2 like every other failure), the progress line, the package cache option and
 * the engine.
 */
final class CommandSupport {
    static final int OK = CondaCli.OK;

    private CommandSupport() {}

    /** Raised by commands for input they refuse (exit 2). */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    /** A command body that reports {@link CondaEngine#create} progress. */
    interface ProgressBody {
        int run(ProgressLine progress) throws IOException;
    }

    /**
     * Runs {@code body} with a progress line on {@code err}, ended before the error when the body fails; what it
     * throws goes on to {@link CliErrors}.
     */
    static int runWithProgress(PrintWriter err, ProgressBody body) throws IOException {
        ProgressLine progress = ProgressLine.on(err);
        try {
            return body.run(progress);
        } catch (RuntimeException | IOException e) {
            progress.interrupt();
            throw e;
        }
    }

    /** The package cache: {@code --pkgs-dir}, else {@code TERRARIUM_PKGS_DIR}, else {@code ~/.cache/terrarium/pkgs}. */
    static Path packageCache(Path option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("TERRARIUM_PKGS_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("terrarium").resolve("pkgs");
    }

    /**
     * The specs and channels to solve: the environment.yml's first (when given), then the command line's; and the
     * lines of its {@code pip:} section (empty without one).
     */
    record SolveInputs(List<String> specs, List<String> channels, List<String> pip) {}

    /** Where pip's wheel and index caches live: {@code pip} next to the package cache. */
    static Path pipStore(CondaEngine engine) {
        return engine.cache().dir().toAbsolutePath().normalize().resolveSibling("pip");
    }

    /**
     * Reads {@code --file} (may be null) and adds the command line's specs and channels (a channel named twice is
     * kept once); {@code verb} ("install", "lock") is kept for callers' messages.
     */
    static SolveInputs solveInputs(Path file, List<String> specs, List<String> channels, String verb)
            throws IOException {
        List<String> allSpecs = new ArrayList<>();
        List<String> allChannels = new ArrayList<>();
        List<String> pip = new ArrayList<>();
        if (file != null) {
            EnvironmentSpec env = EnvironmentSpec.parse(Files.readString(file));
            allSpecs.addAll(env.dependencies());
            allChannels.addAll(env.solverChannels());
            pip.addAll(env.pipDependencies());
        }
        allSpecs.addAll(specs);
        for (String c : channels) {
            if (!allChannels.contains(c)) {
                allChannels.add(c);
            }
        }
        return new SolveInputs(allSpecs, allChannels, pip);
    }

    static CondaEngine engine(Path pkgsDir) throws IOException {
        return new CondaEngine(ChannelConfig.defaults(), packageCache(pkgsDir));
    }

    /** An engine that links with {@code options} (link scripts on or off, their time limit). */
    static CondaEngine engine(Path pkgsDir, InstallOptions options) throws IOException {
        return new CondaEngine(ChannelConfig.defaults(), new PackageCache(packageCache(pkgsDir)), options);
    }

    static Platform platform(String text) {
        return text == null ? Platform.current() : Platform.parse(text);
    }
}
