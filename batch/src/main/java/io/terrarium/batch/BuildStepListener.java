package io.terrarium.batch;

import io.terrarium.infrastructure.batch.BuildClaim;
import io.terrarium.infrastructure.metrics.BuildMetrics;
import io.terrarium.infrastructure.worker.WorkerRegistry;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Logs each step's start and end in the build log (and, for the first chunk step of a restarted execution, the
 * worker and package it resumes at); lets a cancel interrupt the solve step's thread; when a step fails or is
 * stopped, marks the build FAILED (with the step's error as status_info) or CANCELED. A step of an execution whose
 * attempt was fenced out does not start and reports nothing.
 */
@Named("buildStepListener")
public class BuildStepListener implements StepListener {

    private static final String SOLVE = "solve";

    @Inject
    StepContext stepContext;

    @Inject
    BuildRun run;

    @Inject
    WorkerRegistry worker;

    @Inject
    BuildMetrics metrics;

    @Override
    public void beforeStep() {
        if (run.skipped()) {
            return;
        }
        if (!run.mayWrite()) {
            throw new FencedOutException(run);
        }
        String step = stepContext.getStepName();
        metrics.stepStarted(run.executionId(), step);
        run.log().append(step, "step started");
        if (step.equals(SOLVE)) {
            // a cancel or takeover interrupts the solve (its downloads and file I/O) instead of waiting for it
            run.lease().beginInterruptible();
        }
        BuildClaim claim = run.state().claim;
        boolean chunkStep = step.equals("fetch") || step.equals("link");
        if (chunkStep && claim != null && claim.resumeTotal() > 0 && !run.state().resumeLogged && isRestart()) {
            run.state().resumeLogged = true;
            int done = step.equals(claim.resumeStep()) ? claim.resumeDone() : 0;
            run.log()
                    .append(
                            step,
                            "resumed on worker " + worker.label() + " at package "
                                    + Math.min(done + 1, claim.resumeTotal()) + " of " + claim.resumeTotal());
        }
    }

    private boolean isRestart() {
        return run.state().restart;
    }

    @Override
    public void afterStep() {
        String step = stepContext.getStepName();
        metrics.stepEnded(run.executionId(), step);
        if (step.equals(SOLVE) && run.lease() != null) {
            run.lease().endInterruptible();
        }
        if (run.skipped() || run.fenced()) {
            return;
        }
        Exception error = stepContext.getException();
        BatchStatus status = stepContext.getBatchStatus();
        if (error != null && FencedOutException.causedBy(error)) {
            return;
        }
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
