package io.terrarium.infrastructure.messaging;

import io.terrarium.infrastructure.batch.BuildJobs;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import io.terrarium.infrastructure.config.TerrariumConfig;
import jakarta.inject.Inject;

/**
 * Starts the batch job of a queued build received from the build queue; builds that are no longer QUEUED
 * (cancelled, or already started by an earlier delivery of the same message) are skipped.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BuildLauncher {

    @EJB
    private BuildJobs jobs;

    @Inject
    TerrariumConfig config;

    /** @param buildId the build named by a queue message */
    public void launch(long buildId) {
        jobs.start(buildId, config.testJobParameters());
    }
}
