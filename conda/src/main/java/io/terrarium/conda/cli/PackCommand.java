package io.terrarium.conda.cli;

import io.terrarium.conda.pack.CondaPacker;
import io.terrarium.conda.pack.PackResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pack --prefix P --output F.tar.gz}: a relocatable archive in conda-pack's layout. */
@Command(
        name = "pack",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Pack an environment into a relocatable archive (conda-pack's layout). Unpack it anywhere,",
            "then run <dir>/bin/conda-unpack once. Exit 0 when written, 1 on failure, 2 on bad input."
        })
public final class PackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-p", "--prefix"},
            required = true,
            description = "Environment to pack.")
    Path prefix;

    @Option(
            names = {"-o", "--output"},
            required = true,
            description = "Archive to write (.tar.gz, .tgz or .tar).")
    Path output;

    @Option(names = "--force", description = "Overwrite the output if it exists.")
    boolean force;

    @Option(names = "--compress-level", defaultValue = "4", description = "gzip level 1-9 (default 4, as conda-pack).")
    int level;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(output) && !force) {
            throw new CommandSupport.BadInput(output + " exists; pass --force to overwrite it");
        }
        long start = System.nanoTime();
        PackResult r = new CondaPacker(level).pack(prefix, output);
        r.warnings().forEach(w -> err().println("warning: " + w));
        out().println("packed " + prefix.toAbsolutePath().normalize() + " into " + r.archive() + ": "
                + r.entries() + " entries, " + r.rewritten().size() + " files for conda-unpack, "
                + Files.size(r.archive()) / 1024 + " KiB in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return CommandSupport.OK;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
