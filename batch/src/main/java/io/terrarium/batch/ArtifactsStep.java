package io.terrarium.batch;

import io.terrarium.infrastructure.batch.BuildPlan;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;

/**
 * Artifacts step: finishes the prefix (history, then the default_permissions/uid/gid owner and mode) and writes the
 * environment export (YAML) and the conda-pack archive, each only when the effective {@code build_artifacts}
 * setting asks for it.
 */
@Named("artifactsStep")
public class ArtifactsStep extends AbstractBatchlet {

    @Inject
    BuildRun run;

    @Inject
    BuildEngine engine;

    @Override
    public String process() throws Exception {
        BuildPlan plan = run.plan();
        engine.finishLink(plan, run.lockedRecords());
        engine.applyOwnership(plan, run.log());
        if (plan.buildArtifacts().contains("YAML")) {
            Path yaml = engine.exportYaml(plan, run.lockedRecords(), run.lockedWheels());
            run.progress().addArtifact(plan.buildId(), "YAML", yaml);
            run.log().append("artifacts", "environment export written");
        }
        if (plan.buildArtifacts().contains("CONDA_PACK")) {
            Path archive = engine.pack(plan);
            run.progress().addArtifact(plan.buildId(), "CONDA_PACK", archive);
            run.log()
                    .append(
                            "artifacts",
                            "conda-pack archive written (" + java.nio.file.Files.size(archive) + " bytes)");
        }
        return "DONE";
    }
}
