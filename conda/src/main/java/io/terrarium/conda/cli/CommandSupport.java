package io.terrarium.conda.cli;

import io.terrarium.conda.CondaEngine;
import io.terrarium.conda.env.EnvironmentSpec;
import io.terrarium.conda.env.EnvironmentSpecException;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepodataException;
import io.terrarium.conda.solve.SolveException;
import io.terrarium.conda.types.Platform;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What the create/install/lock/pack commands share: the exit-code contract (0 done; 1 the solve or install failed,
 * with the reason on stderr; 2 bad input, one clear line, no stack trace), the package cache option and the engine.
 */
final class CommandSupport {
    static final int OK = CondaCli.OK;
    static final int FAILED = CondaCli.FAILED;
    static final int BAD_INPUT = CondaCli.BAD_INPUT;

    private CommandSupport() {
    }

    /** Raised by commands for input they refuse (exit 2). */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    /** Runs a command body and maps what it throws to an exit code and one stderr line. */
    static int run(PrintWriter err, Callable<Integer> body) {
        try {
            return body.call();
        } catch (SolveException e) {
            err.println(message(e));
            return FAILED;
        } catch (BadInput | IllegalArgumentException | EnvironmentSpecException | RepodataException e) {
            err.println("error: " + message(e));
            return BAD_INPUT;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return BAD_INPUT;
        } catch (AccessDeniedException e) {
            err.println("error: permission denied: " + e.getFile());
            return FAILED;
        } catch (IOException e) {
            err.println("error: " + message(e));
            return FAILED;
        } catch (Exception e) {
            // not a user error: a bug or an environment problem; TERRARIUM_DEBUG=1 shows where
            err.println("error: " + e.getClass().getSimpleName() + ": " + message(e));
            if (System.getenv("TERRARIUM_DEBUG") != null) e.printStackTrace(err);
            return FAILED;
        } finally {
            err.flush();
        }
    }

    /** A command body that reports {@link CondaEngine#create} progress. */
    interface ProgressBody {
        int run(ProgressLine progress) throws IOException;
    }

    /** {@link #run} with a progress line on {@code err}, ended before the error when the body fails. */
    static int runWithProgress(PrintWriter err, ProgressBody body) {
        ProgressLine progress = ProgressLine.on(err);
        return run(err, () -> {
            try {
                return body.run(progress);
            } catch (RuntimeException | IOException e) {
                progress.interrupt();
                throw e;
            }
        });
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The package cache: {@code --pkgs-dir}, else {@code TERRARIUM_PKGS_DIR}, else {@code ~/.cache/terrarium/pkgs}. */
    static Path packageCache(Path option) {
        if (option != null) return option;
        String env = System.getenv("TERRARIUM_PKGS_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("terrarium").resolve("pkgs");
    }

    /** The specs and channels to solve: the environment.yml's first (when given), then the command line's. */
    record SolveInputs(List<String> specs, List<String> channels) {
    }

    /**
     * Reads {@code --file} (may be null) and adds the command line's specs and channels (a channel named twice is
     * kept once); {@code verb} says what the engine would not do with its pip dependencies ("install", "lock").
     */
    static SolveInputs solveInputs(Path file, List<String> specs, List<String> channels, String verb)
            throws IOException {
        List<String> allSpecs = new ArrayList<>();
        List<String> allChannels = new ArrayList<>();
        if (file != null) {
            EnvironmentSpec env = EnvironmentSpec.parse(Files.readString(file));
            if (!env.pipDependencies().isEmpty()) {
                throw new BadInput(file + " has pip dependencies, which this engine does not " + verb);
            }
            allSpecs.addAll(env.dependencies());
            allChannels.addAll(env.solverChannels());
        }
        allSpecs.addAll(specs);
        for (String c : channels) if (!allChannels.contains(c)) allChannels.add(c);
        return new SolveInputs(allSpecs, allChannels);
    }

    static CondaEngine engine(Path pkgsDir) throws IOException {
        return new CondaEngine(ChannelConfig.defaults(), packageCache(pkgsDir));
    }

    static Platform platform(String text) {
        return text == null ? Platform.current() : Platform.parse(text);
    }
}
