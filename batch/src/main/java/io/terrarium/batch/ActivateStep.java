package io.terrarium.batch;

import io.terrarium.conda.types.PackageRecord;
import io.terrarium.infrastructure.batch.BuildPlan;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Activate step: records what the prefix holds and its size, marks the build COMPLETED and points the
 * environment (current build and symlink) at it.
 */
@Named("activateStep")
public class ActivateStep extends AbstractBatchlet {

    @Inject
    BuildRun run;

    @Inject
    BuildEngine engine;

    @Override
    public String process() throws Exception {
        BuildPlan plan = run.plan();
        List<PackageRecord> installed = engine.lockedRecords(plan);
        long size = PrefixSize.of(plan.buildPath());
        run.progress().complete(plan.buildId(), installed, size);
        run.log().append("activate", "build completed: " + installed.size() + " packages, " + size
                + " bytes; environment " + plan.namespace() + "/" + plan.environmentName() + " now points at it");
        run.state().reported = true;
        return "COMPLETED";
    }
}
