package io.terrarium.conda.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code terrarium-conda} command line: a picocli top command that only lists its subcommands.
 *
 * <p>Exit codes, shared by every subcommand: {@value #OK} success, {@value #FAILED} the work could not be done (an
 * unsatisfiable solve, a failed install; the reason on stderr), {@value #BAD_INPUT} bad input (an unparsable spec, an
 * unreadable channel, a wrong option; one line on stderr). Errors never print a stack trace.
 */
@Command(
        name = "terrarium-conda",
        mixinStandardHelpOptions = true,
        version = "terrarium-conda 0.1",
        description = "Solve, install, lock and pack conda environments.",
        subcommands = {
            SolveCommand.class,
            CreateCommand.class,
            InstallCommand.class,
            LockCommand.class,
            PackCommand.class,
        })
public final class CondaCli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line with the process's stdout and stderr; returns the exit code. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to the given streams (tests call this in-process); returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new CondaCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new CliErrors());
        cli.setParameterExceptionHandler(CliErrors::parameterError);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
