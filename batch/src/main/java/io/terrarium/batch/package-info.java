/**
 * The Jakarta Batch {@code build-environment} job's artifacts: solve, fetch (chunked, one package per item), link
 * (chunked, resumable per package), artifacts and activate steps, with the listeners that claim the build and
 * report how each step ended. Artifacts stay thin: they read the build through
 * {@link io.terrarium.batch.BuildRun}, call the engine only through {@link io.terrarium.batch.BuildEngine} and report
 * to the application only through the {@code infrastructure.batch.BuildProgress} port. Checkpoints are package
 * indexes, so a restarted job continues after the last committed package.
 */
package io.terrarium.batch;
