package io.terrarium.interfaces.rest;

import io.terrarium.application.view.ArtifactView;
import io.terrarium.application.view.BuildRunView;
import io.terrarium.application.view.BuildView;
import io.terrarium.application.view.ChannelView;
import io.terrarium.application.view.EnvironmentView;
import io.terrarium.application.view.NamespaceRoleView;
import io.terrarium.application.view.NamespaceView;
import io.terrarium.application.view.PackageView;
import io.terrarium.application.view.SpecificationView;
import io.terrarium.application.view.WorkerView;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.repodata.UrlCredentials;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns read models into the JSON shapes of conda-store's API schemas (snake_case keys, naive ISO-8601 times as
 * Python's {@code isoformat} writes them).
 */
public final class Representations {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private Representations() {}

    public static String time(LocalDateTime t) {
        if (t == null) {
            return null;
        }
        return t.getNano() / 1000 == 0 ? SECONDS.format(t) : MICROS.format(t);
    }

    /** The short form of namespace lists: {@code {id, name}}. */
    public static Map<String, Object> namespaceSummary(NamespaceView n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("name", n.name());
        return m;
    }

    public static Map<String, Object> namespace(NamespaceView n) {
        Map<String, Object> m = namespaceSummary(n);
        m.put("metadata_", Json.parse(n.metadataJson()));
        m.put(
                "role_mappings",
                n.roleMappings().stream()
                        .map(r -> {
                            Map<String, Object> mapping = new LinkedHashMap<>();
                            mapping.put("id", r.id());
                            mapping.put("entity", r.entity());
                            mapping.put("role", r.role());
                            return mapping;
                        })
                        .toList());
        return m;
    }

    /** A v2 role mapping: {@code {id, namespace, other_namespace, role}} with namespace names. */
    public static Map<String, Object> namespaceRole(NamespaceRoleView r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("namespace", r.namespace());
        m.put("other_namespace", r.otherNamespace());
        m.put("role", r.role());
        return m;
    }

    /** @param withCurrentBuild v1 sends {@code current_build: null}, v2 omits the key */
    public static Map<String, Object> environment(EnvironmentView e, boolean withCurrentBuild) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("namespace", namespace(e.namespace()));
        m.put("name", e.name());
        m.put("current_build_id", e.currentBuildId());
        if (withCurrentBuild) {
            m.put("current_build", null);
        }
        m.put("description", e.description());
        return m;
    }

    public static Map<String, Object> specification(SpecificationView s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("spec", redacted(Json.parse(s.specJson())));
        m.put("sha256", s.sha256());
        m.put("created_on", time(s.createdOn()));
        return m;
    }

    /**
     * @return the tree with the credentials of every URL in its strings masked: a stored specification keeps the
     *         channels and index URLs as submitted, and whoever may read a build may read its specification
     */
    static Object redacted(Object tree) {
        if (tree instanceof String text) {
            return UrlCredentials.redact(text);
        }
        if (tree instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, redacted(v)));
            return out;
        }
        if (tree instanceof java.util.List<?> list) {
            return list.stream().map(Representations::redacted).toList();
        }
        return tree;
    }

    public static Map<String, Object> artifact(ArtifactView a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("artifact_type", a.type().name());
        m.put("key", a.key());
        return m;
    }

    public static Map<String, Object> build(BuildView b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("environment_id", b.environmentId());
        m.put("specification", b.specification() == null ? null : specification(b.specification()));
        m.put("packages", null);
        m.put("status", b.status().name());
        m.put("status_info", b.statusInfo());
        m.put("size", b.size());
        m.put("scheduled_on", time(b.scheduledOn()));
        m.put("started_on", time(b.startedOn()));
        m.put("ended_on", time(b.endedOn()));
        m.put(
                "build_artifacts",
                b.artifacts() == null
                        ? null
                        : b.artifacts().stream().map(Representations::artifact).toList());
        return m;
    }

    /** Adds the build's attempt, worker and job executions (issue 9) to a single build's representation. */
    public static Map<String, Object> withRuns(Map<String, Object> build, BuildRunView runs) {
        build.put("attempt", runs.attempt());
        build.put("worker", runs.workerId());
        build.put(
                "job_executions",
                runs.jobExecutions().stream()
                        .map(e -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("id", e.id());
                            m.put("status", e.status());
                            m.put("start", time(e.start()));
                            m.put("end", time(e.end()));
                            m.put("worker", e.workerId());
                            m.put("attempt", e.attempt());
                            m.put(
                                    "steps",
                                    e.steps().stream()
                                            .map(Representations::step)
                                            .toList());
                            return m;
                        })
                        .toList());
        return build;
    }

    static Map<String, Object> step(BuildRunView.StepView s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("status", s.status());
        m.put("start", time(s.start()));
        m.put("end", time(s.end()));
        m.put("read_count", s.readCount());
        m.put("write_count", s.writeCount());
        m.put("checkpoint", s.checkpoint());
        return m;
    }

    public static Map<String, Object> worker(WorkerView w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("name", w.name());
        m.put("host", w.host());
        m.put("pid", w.pid());
        m.put("port", w.port());
        m.put("roles", w.roles());
        m.put("capacity", w.capacity());
        m.put("started_on", time(w.startedOn()));
        m.put("last_heartbeat", time(w.lastHeartbeat()));
        m.put("alive", w.alive());
        m.put("running_builds", w.runningBuilds());
        return m;
    }

    public static Map<String, Object> channel(ChannelView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("last_update", time(c.lastUpdate()));
        return m;
    }

    public static Map<String, Object> condaPackage(PackageView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("channel", channel(p.channel()));
        m.put("license", p.license());
        m.put("name", p.name());
        m.put("version", p.version());
        m.put("summary", p.summary());
        return m;
    }
}
