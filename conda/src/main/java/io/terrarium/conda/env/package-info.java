/**
 * Environment files: {@link io.terrarium.conda.env.EnvironmentSpec} reads a conda {@code environment.yml} (name,
 * channels, conda and pip dependencies, variables, prefix) and reports what is wrong with one by line and column.
 * It only reads the text; solving and installing what it names is for the engine's other packages.
 */
package io.terrarium.conda.env;
