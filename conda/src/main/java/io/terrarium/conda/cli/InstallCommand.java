package io.terrarium.conda.cli;

import io.terrarium.conda.CondaEngine;
import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.install.InstallResult;
import io.terrarium.conda.lock.LockedPackage;
import io.terrarium.conda.lock.Lockfiles;
import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code install --prefix P --lockfile F}: install exactly what a conda-lock or explicit file pins, without solving. */
@Command(
        name = "install",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Install the packages a lockfile pins (conda-lock YAML or @EXPLICIT, detected) into --prefix,",
            "without solving. Exit 0 when installed, 1 when the install fails, 2 on bad input."
        })
public final class InstallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-p", "--prefix"},
            required = true,
            description = "Environment directory to install into.")
    Path prefix;

    @Option(
            names = {"--lockfile", "--file"},
            required = true,
            description = "conda-lock.yml or explicit file.")
    Path lockfile;

    @Option(
            names = "--platform",
            description = "Platform to install for (default: the lock's only one, else this machine's).")
    String platform;

    @Option(names = "--category", description = "conda-lock categories to install (repeatable; default: all).")
    List<String> categories = new ArrayList<>();

    @Option(
            names = "--skip-pip",
            description = "Install only the conda packages of a lock that also pins pip packages.")
    boolean skipPip;

    @Option(
            names = "--pkgs-dir",
            description = "Package cache (default: $TERRARIUM_PKGS_DIR or ~/.cache/terrarium/pkgs).")
    Path pkgsDir;

    @Mixin
    LinkScriptOptions linkScripts = new LinkScriptOptions();

    @Override
    public Integer call() throws IOException {
        return CommandSupport.runWithProgress(err(), this::install);
    }

    private int install(ProgressLine progress) throws IOException {
        Path target = prefix.toAbsolutePath().normalize();
        CreateCommand.checkPrefix(target);
        Platform p = platform == null ? null : Platform.parse(platform);
        Lockfiles.Locked locked = Lockfiles.read(
                lockfile,
                p == null ? null : p.subdir(),
                Platform.current().subdir(),
                categories.isEmpty() ? null : new HashSet<>(categories));
        if (locked.conda().isEmpty()) {
            throw new CommandSupport.BadInput(lockfile + " pins no conda packages for " + locked.platform());
        }
        CondaEngine engine = CommandSupport.engine(pkgsDir, linkScripts.apply(InstallOptions.defaults()));
        long start = System.nanoTime();
        InstallResult result = engine.create(target, locked.conda(), List.of(), progress);
        result.warnings().forEach(w -> err().println("warning: " + w));
        result.scriptOutput().forEach(err()::println);
        result.messages().forEach(err()::println);
        List<PinnedWheel> wheels = skipPip
                ? List.of()
                : locked.pip().stream().map(LockedPackage::toPinnedWheel).toList();
        engine.installLockedWheels(
                target, Platform.parse(locked.platform()), wheels, CommandSupport.pipStore(engine), err()::println);
        out().println("installed " + locked.conda().size() + " packages"
                + (wheels.isEmpty() ? "" : " and " + wheels.size() + " pip wheels") + " from " + lockfile + " into "
                + target
                + " (" + result.linkedCount() + " linked) in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return CommandSupport.OK;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
