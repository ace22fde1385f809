package io.terrarium.infrastructure.messaging;

import io.terrarium.infrastructure.batch.BuildJobs;
import io.terrarium.infrastructure.batch.JobOwners;
import io.terrarium.infrastructure.config.TerrariumConfig;
import io.terrarium.infrastructure.messaging.BuildMessages.BuildOrder;
import io.terrarium.infrastructure.worker.WorkerRegistry;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Runs what a build-queue message asks for on this worker: starts the build's job, or restarts a handed-over build's
 * job from its last checkpoint; then records this worker as the owner of the new execution, so the sweeper can tell
 * when it dies. The job claims the build itself; a build no longer waiting for a worker (cancelled, deleted, or already
 * claimed by an earlier delivery) is left alone by the job.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BuildLauncher {

    private static final Logger LOG = Logger.getLogger(BuildLauncher.class.getName());

    @EJB
    private BuildJobs jobs;

    @EJB
    private JobOwners owners;

    @EJB
    private WorkerRegistry worker;

    @Inject
    TerrariumConfig config;

    /**
     * @param buildId the build named by a queue message that starts its job
     * @return the job execution started for it; empty when none was
     */
    public OptionalLong launch(long buildId) {
        return launch(new BuildOrder(buildId, null));
    }

    /**
     * @param order what a queue message asks for
     * @return the job execution started or restarted for it (it holds one of this worker's build slots until it
     *     ends); empty when none was (the message asked to restart an execution that cannot be restarted)
     */
    public OptionalLong launch(BuildOrder order) {
        long execution;
        if (order.resumes()) {
            try {
                execution = jobs.resume(order.restartExecution());
            } catch (jakarta.batch.operations.JobRestartException
                    | jakarta.batch.operations.JobExecutionAlreadyCompleteException
                    | jakarta.batch.operations.JobExecutionNotMostRecentException e) {
                // restarted elsewhere already, or its job can no longer run: the sweeper sees what is left
                LOG.info(() -> "build " + order.buildId() + ": job execution " + order.restartExecution()
                        + " cannot be restarted (" + e.getMessage() + "); message dropped");
                return OptionalLong.empty();
            } catch (jakarta.batch.operations.NoSuchJobExecutionException e) {
                LOG.info(() -> "build " + order.buildId() + ": job execution " + order.restartExecution()
                        + " does not exist; message dropped");
                return OptionalLong.empty();
            }
        } else {
            execution = jobs.start(order.buildId(), config.testJobParameters());
        }
        owners.own(execution, order.buildId(), worker.id(), null);
        return OptionalLong.of(execution);
    }
}
