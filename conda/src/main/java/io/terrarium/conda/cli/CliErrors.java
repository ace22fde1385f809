package io.terrarium.conda.cli;

import io.terrarium.conda.repodata.RepodataException;
import io.terrarium.conda.solve.SolveException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Maps what a subcommand throws to an exit code and a message on stderr, without stack traces: a failed solve is
 * {@link CondaCli#FAILED} with its explanation; bad input (bad spec, channel, option value) is
 * {@link CondaCli#BAD_INPUT} with one line.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof SolveException) {
            err.println(e.getMessage());
            return CondaCli.FAILED;
        }
        if (e instanceof IllegalArgumentException || e instanceof RepodataException) {
            err.println("error: " + oneLine(e.getMessage()));
            return CondaCli.BAD_INPUT;
        }
        if (e instanceof UncheckedIOException u) {
            err.println("error: " + oneLine(u.getCause().getMessage()));
            return CondaCli.FAILED;
        }
        err.println("error: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
        return CondaCli.FAILED;
    }

    /** Usage errors (unknown option, missing spec): one line plus a hint, exit 2. */
    static int parameterError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + oneLine(e.getMessage()) + " (see --help)");
        return CondaCli.BAD_INPUT;
    }

    static String oneLine(String message) {
        if (message == null) return "(no message)";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
