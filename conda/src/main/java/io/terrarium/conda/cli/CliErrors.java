package io.terrarium.conda.cli;

import io.terrarium.conda.env.EnvironmentSpecException;
import io.terrarium.conda.pip.index.IndexException;
import io.terrarium.conda.pip.install.WheelInstallException;
import io.terrarium.conda.pip.resolve.PipResolveException;
import io.terrarium.conda.pip.wheel.InvalidWheelException;
import io.terrarium.conda.repodata.RepodataException;
import io.terrarium.conda.solve.SolveException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * The one place that maps what a subcommand throws to an exit code and a message on stderr, without stack traces:
 * a failed solve is {@link CondaCli#FAILED} with its explanation; bad input (bad spec, channel, option value,
 * environment file, a missing file) is {@link CondaCli#BAD_INPUT} with one line; any other failure is
 * {@link CondaCli#FAILED} with one line. Subcommands only throw; picocli hands every exception here.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        int code = report(e instanceof UncheckedIOException u ? u.getCause() : e, err);
        err.flush();
        return code;
    }

    private static int report(Throwable e, PrintWriter err) {
        if (e instanceof PipResolveException) {
            err.println(message(e));
            return CondaCli.FAILED;
        }
        if (e instanceof WheelInstallException || e instanceof IndexException || e instanceof InvalidWheelException) {
            err.println("error: " + oneLine(message(e)));
            return CondaCli.FAILED;
        }
        if (e instanceof SolveException) {
            err.println(message(e));
            return CondaCli.FAILED;
        }
        if (e instanceof CommandSupport.BadInput
                || e instanceof IllegalArgumentException
                || e instanceof EnvironmentSpecException
                || e instanceof RepodataException) {
            err.println("error: " + oneLine(message(e)));
            return CondaCli.BAD_INPUT;
        }
        if (e instanceof NoSuchFileException missing) {
            err.println("error: no such file: " + missing.getFile());
            return CondaCli.BAD_INPUT;
        }
        if (e instanceof AccessDeniedException denied) {
            err.println("error: permission denied: " + denied.getFile());
            return CondaCli.FAILED;
        }
        if (e instanceof IOException) {
            err.println("error: " + oneLine(message(e)));
            return CondaCli.FAILED;
        }
        // not a user error: a bug or an environment problem; TERRARIUM_DEBUG=1 shows where
        err.println("error: " + e.getClass().getSimpleName() + ": " + oneLine(message(e)));
        if (System.getenv("TERRARIUM_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return CondaCli.FAILED;
    }

    /** Usage errors (unknown option, missing spec): one line plus a hint, exit 2. */
    static int parameterError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + oneLine(e.getMessage()) + " (see --help)");
        return CondaCli.BAD_INPUT;
    }

    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
