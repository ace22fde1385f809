/**
 * The conda engine's front door: {@link io.terrarium.conda.CondaEngine} gives the application, the batch job and the
 * CLI one call each for solve, fetch, extract, link, lock, export and pack, each a thin call into the sub-package
 * that does the work ({@code types}, {@code repodata}, {@code solve}, {@code pkg}, {@code install}, {@code lock},
 * {@code env}, {@code pack}). The whole engine is plain Java 17 with no Jakarta import, so it runs the same in the
 * server and on a command line.
 */
package io.terrarium.conda;
