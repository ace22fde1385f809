/**
 * The application's side of the Jakarta Batch {@code build-environment} job: starting, restarting and stopping its
 * executions ({@link io.terrarium.infrastructure.batch.BuildJobs}), resuming executions a dead server left behind,
 * and the port the job's steps talk through ({@link io.terrarium.infrastructure.batch.BuildProgress} with its
 * {@link io.terrarium.infrastructure.batch.BuildPlan}). The job's artifacts themselves live in the batch module and
 * depend on this port, not on the services behind it.
 */
package io.terrarium.infrastructure.batch;
