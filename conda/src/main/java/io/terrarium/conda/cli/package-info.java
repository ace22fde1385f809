/**
 * The {@code terrarium-conda} command line (picocli): {@code solve}, {@code create}, {@code install}, {@code lock}
 * and {@code pack}, each a thin layer that parses options, calls the engine and prints. Exit codes are one contract
 * for every subcommand (0 done, 1 failed with the reason on stderr, 2 bad input in one line, never a stack trace),
 * and {@link io.terrarium.conda.cli.CliErrors} is the one place that maps exceptions to them. Nothing outside this
 * package depends on it.
 */
package io.terrarium.conda.cli;
