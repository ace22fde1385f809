package io.terrarium.conda.cli;

import io.terrarium.conda.CondaEngine;
import io.terrarium.conda.SolveOutcome;
import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.install.InstallResult;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code create --prefix P --channel C [--platform X] SPEC...}: solve, then fetch, extract and link into a new prefix;
 * then resolve and install the {@code pip:} section of {@code --file}, if any.
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Solve the specs and install the result into a new environment at --prefix.",
            "Exit 0 when created, 1 when the solve or the install fails (reason on stderr), 2 on bad input.",
            "Rerunning a create that failed or was killed finishes it: records already linked are kept."
        })
public final class CreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-p", "--prefix"},
            required = true,
            description = "Environment directory to create.")
    Path prefix;

    @Option(
            names = {"-c", "--channel"},
            description = "Channel name, URL or directory, highest priority first (repeatable).")
    List<String> channels = new ArrayList<>();

    @Option(names = "--platform", description = "Target subdir (default: this machine's, e.g. linux-64).")
    String platform;

    @Option(
            names = "--virtual-package",
            paramLabel = "__NAME=VERSION[=BUILD]",
            description = "Virtual package to assume, overriding the detected one (repeatable).")
    List<String> virtualPackages = new ArrayList<>();

    @Option(
            names = {"-f", "--file"},
            description = "environment.yml to take channels and dependencies from.")
    Path file;

    @Option(
            names = "--pkgs-dir",
            description = "Package cache (default: $TERRARIUM_PKGS_DIR or ~/.cache/terrarium/pkgs).")
    Path pkgsDir;

    @Mixin
    LinkScriptOptions linkScripts = new LinkScriptOptions();

    @Parameters(paramLabel = "SPEC", arity = "0..*", description = "Match specs, e.g. 'python=3.11' numpy.")
    List<String> specs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        return CommandSupport.runWithProgress(err(), this::create);
    }

    private int create(ProgressLine progress) throws IOException {
        Path target = prefix.toAbsolutePath().normalize();
        checkPrefix(target);
        Platform p = CommandSupport.platform(platform);
        CondaEngine engine = CommandSupport.engine(pkgsDir, linkScripts.apply(InstallOptions.defaults()));
        CommandSupport.SolveInputs inputs = CommandSupport.solveInputs(file, specs, channels, "install");
        SolveOutcome outcome = engine.solve(inputs.specs(), inputs.channels(), p, virtualPackages);
        err().println("solved " + outcome.records().size() + " packages in "
                + outcome.elapsed().toMillis() + " ms");
        long start = System.nanoTime();
        InstallResult result = engine.create(target, outcome, progress);
        result.warnings().forEach(w -> err().println("warning: " + w));
        result.scriptOutput().forEach(err()::println);
        result.messages().forEach(err()::println);
        List<?> wheels = engine.installPip(
                target, p, inputs.pip(), CommandSupport.pipStore(engine), CondaEngine.PIP_RESOLVE_TIME, err()::println);
        out().println("created " + target + ": " + outcome.records().size() + " packages ("
                + result.linkedCount() + " linked)" + (wheels.isEmpty() ? "" : " and " + wheels.size() + " pip wheels")
                + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return CommandSupport.OK;
    }

    /** A new or empty directory, or one a failed create left (it has conda-meta): anything else is refused. */
    static void checkPrefix(Path target) throws IOException {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new CommandSupport.BadInput("prefix " + target + " exists and is not a directory");
        }
        if (Files.isDirectory(target) && !Files.isDirectory(target.resolve("conda-meta"))) {
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new CommandSupport.BadInput("prefix " + target
                            + " exists, is not empty and is not a conda environment; choose a new directory");
                }
            }
        }
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
