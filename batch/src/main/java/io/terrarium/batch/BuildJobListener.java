package io.terrarium.batch;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import io.terrarium.infrastructure.batch.InterruptedBuilds;
import java.util.Optional;

/**
 * Claims the build when an execution (first run or restart) begins, recording the execution id and this server
 * instance on it, and reports a stop or an unexpected end once the execution is over.
 */
@Named("buildJobListener")
public class BuildJobListener implements JobListener {

    @Inject
    JobContext jobContext;

    @Inject
    BuildRun run;

    @Inject
    InterruptedBuilds owners;

    @Override
    public void beforeJob() {
        long buildId = run.buildId();
        boolean restart = BatchRuntime.getJobOperator()
                .getJobExecutions(BatchRuntime.getJobOperator().getJobInstance(jobContext.getExecutionId()))
                .size() > 1;
        Optional<io.terrarium.infrastructure.batch.BuildPlan> plan =
                run.progress().begin(buildId, jobContext.getExecutionId(), InterruptedBuilds.thisInstance(), restart);
        BuildRun.State state = run.state();
        owners.own(jobContext.getExecutionId(), buildId);
        if (plan.isEmpty()) {
            state.skipped = true;
            return;
        }
        state.plan = plan.get();
        run.log().append("build", (restart ? "restarting" : "starting") + " build " + buildId + " of "
                + state.plan.namespace() + "/" + state.plan.environmentName() + " as job execution "
                + jobContext.getExecutionId() + " on " + InterruptedBuilds.thisInstance());
    }

    @Override
    public void afterJob() {
        BuildRun.State state = run.state();
        if (state.skipped || state.reported) {
            return;
        }
        BatchStatus status = jobContext.getBatchStatus();
        if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            run.log().append("build", "build canceled: job execution stopped");
            run.progress().cancel(run.buildId(), "build canceled");
        } else if (status == BatchStatus.FAILED) {
            run.log().append("build", "build failed");
            run.progress().fail(run.buildId(), "build failed, see the build log");
        }
    }
}
