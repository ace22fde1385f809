package io.terrarium.batch;

import io.terrarium.infrastructure.batch.BuildClaim;
import io.terrarium.infrastructure.batch.JobOwners;
import io.terrarium.infrastructure.metrics.BuildMetrics;
import io.terrarium.infrastructure.worker.BuildLease;
import io.terrarium.infrastructure.worker.RunningBuilds;
import io.terrarium.infrastructure.worker.WorkerRegistry;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Claims the build when an execution (first run or restart) begins, as this worker and at the build's current attempt,
 * and registers the lease the watcher fences; once the execution is over, reports a stop or an unexpected end, or,
 * when the build was canceled or taken over meanwhile, writes nothing (a canceled build's partial prefix is removed).
 */
@Named("buildJobListener")
public class BuildJobListener implements JobListener {

    private static final Logger LOG = Logger.getLogger(BuildJobListener.class.getName());

    @Inject
    JobContext jobContext;

    @Inject
    BuildRun run;

    @Inject
    JobOwners owners;

    @Inject
    WorkerRegistry worker;

    @Inject
    RunningBuilds running;

    @Inject
    BuildMetrics metrics;

    @Override
    public void beforeJob() {
        long buildId = run.buildId();
        long execution = jobContext.getExecutionId();
        boolean restart = BatchRuntime.getJobOperator()
                        .getJobExecutions(BatchRuntime.getJobOperator().getJobInstance(execution))
                        .size()
                > 1;
        Optional<BuildClaim> claim = run.port().begin(buildId, execution, worker.id(), worker.name(), restart);
        BuildRun.State state = run.state();
        owners.own(
                execution, buildId, worker.id(), claim.map(BuildClaim::attempt).orElse(null));
        if (claim.isEmpty()) {
            state.skipped = true;
            if (restart) {
                // ending quietly would mark the remaining steps of the job instance COMPLETED
                throw new IllegalStateException("build " + buildId + " is not waiting for a worker; restarted job "
                        + "execution " + execution + " does not run it");
            }
            return;
        }
        state.claim = claim.get();
        state.restart = restart;
        state.plan = claim.get().plan();
        state.lease = new BuildLease(buildId, execution, claim.get().attempt());
        running.register(state.lease);
        metrics.buildStarted(execution);
        run.log()
                .append(
                        "build",
                        (restart ? "restarting" : "starting") + " build " + buildId + " of "
                                + state.plan.namespace() + "/" + state.plan.environmentName() + " as job execution "
                                + execution
                                + " on worker " + worker.label());
    }

    @Override
    public void afterJob() {
        BuildRun.State state = run.state();
        if (state.skipped || state.lease == null) {
            return;
        }
        running.unregister(state.lease);
        metrics.buildEnded(run.executionId());
        long buildId = run.buildId();
        if (state.lease.revoked() || !run.port().holds(buildId, run.attempt())) {
            // completed, failed or canceled by this attempt's own report, canceled by a user, or taken over
            if (run.port().discardCanceled(buildId, run.attempt(), worker.id())) {
                LOG.info(() -> "build " + buildId + " was canceled; job execution " + run.executionId()
                        + " stopped and removed its partial prefix");
            } else if (!state.reported) {
                LOG.warning(() -> "build " + buildId + " was taken over (attempt " + run.attempt()
                        + " is no longer current); stopping");
            }
            return;
        }
        if (state.reported) {
            return;
        }
        BatchStatus status = jobContext.getBatchStatus();
        if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            run.log().append("build", "build canceled: job execution stopped");
            run.progress().cancel(buildId, "build canceled");
        } else if (status == BatchStatus.FAILED) {
            run.log().append("build", "build failed");
            run.progress().fail(buildId, "build failed, see the build log");
        }
    }
}
