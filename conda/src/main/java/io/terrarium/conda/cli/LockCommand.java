package io.terrarium.conda.cli;

import io.terrarium.conda.CondaEngine;
import io.terrarium.conda.SolveOutcome;
import io.terrarium.conda.lock.Lockfiles;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lock --channel C --platform X [--output F] [--format conda-lock|explicit] SPEC...}: solve and write a lockfile,
 * with the wheels of the {@code pip:} section of {@code --file} resolved for each platform (conda-lock format only).
 */
@Command(
        name = "lock",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Solve the specs for each --platform and write a lockfile (conda-lock v1 YAML, or one",
            "@EXPLICIT file per platform). Exit 0 when written, 1 when a solve fails, 2 on bad input."
        })
public final class LockCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-c", "--channel"},
            description = "Channel name, URL or directory, highest priority first (repeatable).")
    List<String> channels = new ArrayList<>();

    @Option(names = "--platform", description = "Platform to lock for (repeatable; default: this machine's).")
    List<String> platforms = new ArrayList<>();

    @Option(
            names = {"-o", "--output"},
            description = "Lockfile to write ('-' for stdout). Default: conda-lock.yml,"
                    + " or conda-<platform>.lock for explicit files.")
    String output;

    @Option(names = "--format", defaultValue = "conda-lock", description = "conda-lock (default) or explicit.")
    String format;

    @Option(
            names = {"-f", "--file"},
            description = "environment.yml to take channels and dependencies from.")
    Path file;

    @Option(
            names = "--virtual-package",
            paramLabel = "__NAME=VERSION[=BUILD]",
            description = "Virtual package to assume on every platform (repeatable).")
    List<String> virtualPackages = new ArrayList<>();

    @Option(names = "--pkgs-dir", hidden = true, description = "Package cache (unused by lock; accepted for symmetry).")
    Path pkgsDir;

    @Parameters(paramLabel = "SPEC", arity = "0..*", description = "Match specs.")
    List<String> specs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        return lock();
    }

    private int lock() throws IOException {
        Lockfiles.Format fmt = switch (format.toLowerCase(Locale.ROOT)) {
            case "conda-lock", "conda_lock", "yaml" -> Lockfiles.Format.CONDA_LOCK;
            case "explicit" -> Lockfiles.Format.EXPLICIT;
            default ->
                throw new CommandSupport.BadInput("unknown --format '" + format + "' (use conda-lock or explicit)");
        };
        List<Platform> targets = new ArrayList<>();
        for (String p : platforms) {
            Platform parsed = Platform.parse(p);
            if (parsed.isNoarch()) {
                throw new CommandSupport.BadInput("cannot lock for noarch; name real platforms such as linux-64");
            }
            if (!targets.contains(parsed)) {
                targets.add(parsed);
            }
        }
        if (targets.isEmpty()) {
            targets.add(Platform.current());
        }
        if (fmt == Lockfiles.Format.EXPLICIT && output != null && targets.size() > 1) {
            throw new CommandSupport.BadInput("an explicit file holds one platform; drop --output to write"
                    + " conda-<platform>.lock for each of the " + targets.size() + " platforms");
        }

        CommandSupport.SolveInputs inputs = CommandSupport.solveInputs(file, specs, channels, "lock");

        if (fmt == Lockfiles.Format.EXPLICIT && !inputs.pip().isEmpty()) {
            throw new CommandSupport.BadInput(file + " has pip dependencies, which an explicit file cannot hold;"
                    + " lock in the conda-lock format");
        }

        CondaEngine engine = CommandSupport.engine(pkgsDir);
        List<SolveOutcome> outcomes = new ArrayList<>();
        for (Platform p : targets) {
            SolveOutcome o = engine.solve(inputs.specs(), inputs.channels(), p, virtualPackages);
            err().println("solved " + p + ": " + o.records().size() + " packages in "
                    + o.elapsed().toMillis() + " ms");
            outcomes.add(o);
        }

        if (fmt == Lockfiles.Format.EXPLICIT) {
            for (SolveOutcome o : outcomes) {
                String name = output != null ? output : "conda-" + o.platform().subdir() + ".lock";
                write(engine, name, fmt, List.of(o), List.of(), List.of());
            }
        } else {
            String name = output != null ? output : "conda-lock.yml";
            List<String> sources = file == null ? List.of() : List.of(relativeSource(name, file));
            write(engine, name, fmt, outcomes, sources, inputs.pip());
        }
        return CommandSupport.OK;
    }

    private void write(
            CondaEngine engine,
            String name,
            Lockfiles.Format fmt,
            List<SolveOutcome> outcomes,
            List<String> sources,
            List<String> pip)
            throws IOException {
        List<Platform> solved = outcomes.stream().map(SolveOutcome::platform).toList();
        if (name.equals("-")) {
            Path tmp = Files.createTempFile("terrarium-lock", ".tmp");
            try {
                engine.writeLockfile(tmp, fmt, outcomes, sources);
                engine.lockPip(
                        pip,
                        CommandSupport.pipStore(engine),
                        solved,
                        tmp,
                        CondaEngine.PIP_RESOLVE_TIME,
                        err()::println);
                out().print(Files.readString(tmp));
                out().flush();
            } finally {
                Files.deleteIfExists(tmp);
            }
            return;
        }
        Path out = Path.of(name);
        engine.writeLockfile(out, fmt, outcomes, sources);
        engine.lockPip(pip, CommandSupport.pipStore(engine), solved, out, CondaEngine.PIP_RESOLVE_TIME, err()::println);
        err().println("wrote " + out.toAbsolutePath().normalize());
    }

    /** conda-lock records sources relative to the lockfile's directory. */
    private static String relativeSource(String lockName, Path source) {
        if (lockName.equals("-")) {
            return source.toString();
        }
        Path dir = Path.of(lockName).toAbsolutePath().normalize().getParent();
        Path src = source.toAbsolutePath().normalize();
        try {
            return dir.relativize(src).toString();
        } catch (IllegalArgumentException e) {
            return src.toString();
        }
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
