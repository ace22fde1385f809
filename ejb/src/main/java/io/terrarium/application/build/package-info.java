/**
 * Builds as use cases: the build life cycle the batch job drives ({@link io.terrarium.application.build.BuildService}
 * behind the job's {@code BuildProgress} port: start, log, artifacts, complete, fail, activate), what users do to
 * builds through the API (rebuild, cancel, delete) and the build queries and listing filter. Every state change
 * locks the build's row; files on disk change only through the store layout.
 */
package io.terrarium.application.build;
