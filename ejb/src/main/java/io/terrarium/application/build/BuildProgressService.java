package io.terrarium.application.build;

import io.terrarium.application.BuildLocations;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.infrastructure.batch.BuildPlan;
import io.terrarium.infrastructure.batch.BuildProgress;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The application side of the build job's {@link BuildProgress} port: turns the job's calls into build life-cycle
 * changes through {@link BuildService}, each in its own transaction.
 */
@Stateless
public class BuildProgressService implements BuildProgress {

    @Inject
    private BuildService builds;

    @Inject
    private BuildLocations locations;

    @Override
    public Optional<BuildPlan> begin(long buildId, long jobExecutionId, String serverInstance, boolean restart) {
        return builds.claim(buildId, Long.toString(jobExecutionId), serverInstance, restart).map(this::plan);
    }

    @Override
    public BuildPlan plan(long buildId) {
        return plan(builds.context(buildId));
    }

    @Override
    public void addArtifact(long buildId, String artifactType, Path file) {
        BuildArtifactType type;
        try {
            type = BuildArtifactType.valueOf(artifactType);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown artifact type " + artifactType, e);
        }
        builds.recordArtifactFile(buildId, type, file);
    }

    @Override
    public void complete(long buildId, List<PackageRecord> installed, long sizeBytes) {
        builds.completeAndActivate(buildId, installed, sizeBytes);
    }

    @Override
    public void fail(long buildId, String statusInfo) {
        builds.fail(buildId, statusInfo);
    }

    @Override
    public void cancel(long buildId, String statusInfo) {
        builds.markCanceled(buildId, statusInfo);
    }

    private BuildPlan plan(BuildContext c) {
        return new BuildPlan(c.buildId(), c.namespace(), c.environmentName(), specificationYaml(c), c.lockfile(),
                c.channels(), Path.of(c.buildPath()),
                locations.storageFile(StoreLayout.artifactDirectoryKey(c.buildKey())), Path.of(c.logFile()),
                new LinkedHashSet<>(c.buildArtifacts()));
    }

    /** The environment.yml (or conda-lock file) the job installs, as block YAML. */
    static String specificationYaml(BuildContext c) {
        Map<String, Object> doc;
        if (c.lockfile()) {
            doc = Json.parseObject(c.lockfileJson());
        } else {
            doc = new LinkedHashMap<>();
            doc.put("name", c.environmentName());
            doc.put("channels", c.channels());
            List<Object> deps = new java.util.ArrayList<>(c.condaDependencies());
            if (!c.pipDependencies().isEmpty()) {
                deps.add(Map.of("pip", c.pipDependencies()));
            }
            doc.put("dependencies", deps);
            if (!c.variables().isEmpty()) {
                doc.put("variables", c.variables());
            }
        }
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return new Dump(settings).dumpToString(doc);
    }
}
