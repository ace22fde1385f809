package io.terrarium.batch;

import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Logs each step's start and end in the build log and, when a step fails or is stopped, marks the build
 * FAILED (with the step's error as status_info) or CANCELED.
 */
@Named("buildStepListener")
public class BuildStepListener implements StepListener {

    @Inject
    StepContext stepContext;

    @Inject
    BuildRun run;

    @Override
    public void beforeStep() {
        if (!run.skipped()) {
            run.log().append(stepContext.getStepName(), "step started");
        }
    }

    @Override
    public void afterStep() {
        if (run.skipped()) {
            return;
        }
        String step = stepContext.getStepName();
        Exception error = stepContext.getException();
        BatchStatus status = stepContext.getBatchStatus();
        if (error != null) {
            String reason = StepFailure.describe(error);
            run.log().append(step, "step failed: " + reason);
            run.progress().fail(run.buildId(), step + " failed: " + reason);
            run.state().reported = true;
        } else if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            run.log().append(step, "step stopped");
            run.progress().cancel(run.buildId(), "build canceled during " + step);
            run.state().reported = true;
        } else {
            run.log().append(step, "step finished");
        }
    }
}
