package io.terrarium.batch;

import io.terrarium.infrastructure.batch.BuildPlan;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;

/**
 * Solve step: turns the specification (or the submitted lockfile) into the locked record list, written as the
 * build's conda-lock file, which the fetch and link steps read and which becomes the LOCKFILE artifact.
 */
@Named("solveStep")
public class SolveStep extends AbstractBatchlet {

    static final String SKIPPED = "SKIPPED";

    @Inject
    BuildRun run;

    @Inject
    BuildEngine engine;

    @Override
    public String process() throws Exception {
        if (run.skipped()) {
            return SKIPPED;
        }
        BuildPlan plan = run.plan();
        Path lockfile = engine.lock(plan, run.log());
        run.progress().addArtifact(plan.buildId(), "LOCKFILE", lockfile);
        run.progress().addArtifact(plan.buildId(), "LOGS", plan.logFile());
        return "SOLVED";
    }
}
