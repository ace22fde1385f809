package io.terrarium.infrastructure.messaging;

import io.terrarium.infrastructure.batch.BuildJobs;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import io.terrarium.infrastructure.config.TerrariumConfig;
import jakarta.inject.Inject;
import java.util.OptionalLong;

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

    /**
     * @param buildId the build named by a queue message
     * @return the job execution started for it, which holds one of this worker's build slots until it ends; empty
     *         when no execution was started
     */
    public OptionalLong launch(long buildId) {
        return OptionalLong.of(jobs.start(buildId, config.testJobParameters()));
    }
}
