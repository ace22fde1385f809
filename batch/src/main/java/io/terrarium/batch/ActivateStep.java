package io.terrarium.batch;

import io.terrarium.conda.types.PackageRecord;
import io.terrarium.infrastructure.batch.BuildPlan;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Activate step: records what the prefix holds and its size, marks the build COMPLETED and points the
 * environment (current build and symlink) at it.
 */
@Named("activateStep")
public class ActivateStep extends AbstractBatchlet {

    private static final int ATTEMPTS = 4;

    @Inject
    BuildRun run;

    @Override
    public String process() throws Exception {
        BuildPlan plan = run.plan();
        List<PackageRecord> installed = run.lockedRecords();
        long size = PrefixSize.of(plan.buildPath());
        completeWithRetry(plan, installed, size);
        run.log()
                .append(
                        "activate",
                        "build completed: " + installed.size() + " packages, " + size + " bytes; environment "
                                + plan.namespace() + "/" + plan.environmentName() + " now points at it");
        run.state().reported = true;
        return "COMPLETED";
    }

    /**
     * Concurrent first builds on one channel race to insert its channel and package rows; the loser's transaction
     * rolls back as a whole, so trying again (it then finds the rows) is safe. Application exceptions (the build was
     * canceled or deleted meanwhile) are not retried.
     */
    private void completeWithRetry(BuildPlan plan, List<PackageRecord> installed, long size)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                run.progress().complete(plan.buildId(), installed, size);
                return;
            } catch (EJBException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                run.log()
                        .append(
                                "activate",
                                "recording the build failed (" + StepFailure.describe(e) + "), retrying (" + attempt
                                        + " of " + (ATTEMPTS - 1) + ")");
                Thread.sleep(100L * attempt);
            }
        }
    }
}
