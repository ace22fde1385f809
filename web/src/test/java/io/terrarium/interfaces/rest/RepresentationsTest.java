package io.terrarium.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.application.view.ArtifactView;
import io.terrarium.application.view.BuildRunView;
import io.terrarium.application.view.BuildView;
import io.terrarium.application.view.EnvironmentView;
import io.terrarium.application.view.NamespaceRoleView;
import io.terrarium.application.view.NamespaceView;
import io.terrarium.application.view.SpecificationView;
import io.terrarium.application.view.WorkerView;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.domain.model.build.BuildStatus;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepresentationsTest {

    @Test
    void timesAreNaiveIsoLikePythonIsoformat() {
        assertEquals(
                "2023-11-05T03:54:10.510258",
                Representations.time(LocalDateTime.of(2023, 11, 5, 3, 54, 10, 510_258_000)));
        assertEquals("2023-11-05T03:54:00", Representations.time(LocalDateTime.of(2023, 11, 5, 3, 54)));
        assertEquals(
                "2023-11-05T03:54:10.000001", Representations.time(LocalDateTime.of(2023, 11, 5, 3, 54, 10, 1_000)));
        assertNull(Representations.time(null));
    }

    @Test
    void environmentHasTheNestedNamespaceAndV1OnlyCurrentBuild() {
        EnvironmentView env = new EnvironmentView(3, new NamespaceView(1, "default", "{\"a\": 1}"), "demo", "d", 7L);
        Map<String, Object> v1 = Representations.environment(env, true);
        assertEquals(
                List.of("id", "namespace", "name", "current_build_id", "current_build", "description"),
                List.copyOf(v1.keySet()));
        assertNull(v1.get("current_build"));
        assertEquals(Map.of("a", 1L), ((Map<?, ?>) v1.get("namespace")).get("metadata_"));
        assertFalse(Representations.environment(env, false).containsKey("current_build"));
    }

    @Test
    void namespacesShowTheirV1RoleMappingsAndV2MappingsNameBothNamespaces() {
        NamespaceView ns = new NamespaceView(
                1, "lab", "{}", List.of(new NamespaceView.RoleMappingView(4, "team-*/*", "developer")));
        assertEquals(
                List.of(Map.of("id", 4L, "entity", "team-*/*", "role", "developer")),
                Representations.namespace(ns).get("role_mappings"));
        assertEquals(
                List.of("id", "name"),
                List.copyOf(Representations.namespaceSummary(ns).keySet()));
        Map<String, Object> v2 = Representations.namespaceRole(new NamespaceRoleView(5, "lab", "team", "viewer"));
        assertEquals(List.of("id", "namespace", "other_namespace", "role"), List.copyOf(v2.keySet()));
        assertEquals(List.of(5L, "lab", "team", "viewer"), List.copyOf(v2.values()));
    }

    @Test
    void buildCarriesSpecificationAndArtifactsWithCondaStoreKeys() {
        LocalDateTime t = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
        BuildView b = new BuildView(
                9,
                3,
                "default",
                "demo",
                BuildStatus.COMPLETED,
                null,
                42,
                t,
                t,
                t,
                null,
                2,
                new SpecificationView(4, "demo", "{\"name\": \"demo\"}", "ab".repeat(32), false, t),
                List.of(new ArtifactView(5, BuildArtifactType.LOGS, "logs/k.log")));
        Map<String, Object> json = Representations.build(b);
        assertEquals(
                List.of(
                        "id",
                        "environment_id",
                        "specification",
                        "packages",
                        "status",
                        "status_info",
                        "size",
                        "scheduled_on",
                        "started_on",
                        "ended_on",
                        "build_artifacts"),
                List.copyOf(json.keySet()));
        assertEquals("COMPLETED", json.get("status"));
        assertEquals(Map.of("name", "demo"), ((Map<?, ?>) json.get("specification")).get("spec"));
        assertEquals(
                List.of(Map.of("id", 5L, "artifact_type", "LOGS", "key", "logs/k.log")), json.get("build_artifacts"));
        assertTrue(json.containsKey("packages") && json.get("packages") == null);
    }

    @Test
    void aWorkerHasTheContractsKeys() {
        LocalDateTime t = LocalDateTime.of(2026, 12, 6, 3, 0, 0);
        Map<String, Object> w = Representations.worker(new WorkerView(
                "u-1",
                "w1",
                "host",
                123,
                18501,
                List.of("api", "worker"),
                1,
                t,
                t.plusSeconds(10),
                true,
                List.of(12L, 13L)));
        assertEquals(
                List.of(
                        "id",
                        "name",
                        "host",
                        "pid",
                        "port",
                        "roles",
                        "capacity",
                        "started_on",
                        "last_heartbeat",
                        "alive",
                        "running_builds"),
                List.copyOf(w.keySet()));
        assertEquals("2026-12-06T03:00:10", w.get("last_heartbeat"));
        assertEquals(List.of(12L, 13L), w.get("running_builds"));
    }

    @Test
    void aBuildShowsItsAttemptWorkerAndJobExecutionsWithSteps() {
        LocalDateTime t = LocalDateTime.of(2026, 12, 6, 3, 0, 0);
        BuildRunView runs = new BuildRunView(
                2,
                null,
                List.of(new BuildRunView.JobExecutionView(
                        5,
                        "FAILED",
                        t,
                        t,
                        "u-1",
                        1,
                        List.of(new BuildRunView.StepView("link", "STARTED", t, null, 3, 3, "3")))));
        Map<String, Object> json = Representations.withRuns(new java.util.LinkedHashMap<>(Map.of("id", 9L)), runs);
        assertEquals(2, json.get("attempt"));
        assertTrue(json.containsKey("worker") && json.get("worker") == null);
        Map<?, ?> execution = (Map<?, ?>) ((List<?>) json.get("job_executions")).get(0);
        assertEquals(
                List.of("id", "status", "start", "end", "worker", "attempt", "steps"), List.copyOf(execution.keySet()));
        Map<?, ?> step = (Map<?, ?>) ((List<?>) execution.get("steps")).get(0);
        assertEquals(
                List.of("name", "status", "start", "end", "read_count", "write_count", "checkpoint"),
                List.copyOf(step.keySet()));
        assertEquals("3", step.get("checkpoint"));
        assertNull(step.get("end"));
    }

    @Test
    void specificationsAreShownWithoutChannelCredentials() {
        Object spec = io.terrarium.conda.json.Json.parse("{\"name\": \"x\", \"channels\": [\"https://u:pw@h/c\"],"
                + " \"dependencies\": [\"numpy\", {\"pip\": [\"--index-url https://u:pw@pypi.example/simple\"]}]}");
        assertEquals(
                io.terrarium.conda.json.Json.parse("{\"name\": \"x\", \"channels\": [\"https://u:****@h/c\"],"
                        + " \"dependencies\": [\"numpy\","
                        + " {\"pip\": [\"--index-url https://u:****@pypi.example/simple\"]}]}"),
                Representations.redacted(spec));
    }
}
