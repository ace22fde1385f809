package io.terrarium.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.application.view.ArtifactView;
import io.terrarium.application.view.BuildView;
import io.terrarium.application.view.EnvironmentView;
import io.terrarium.application.view.NamespaceView;
import io.terrarium.application.view.SpecificationView;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.domain.model.build.BuildStatus;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepresentationsTest {

    @Test
    void timesAreNaiveIsoLikePythonIsoformat() {
        assertEquals("2023-11-05T03:54:10.510258", Representations.time(LocalDateTime.of(2023, 11, 5, 3, 54, 10, 510_258_000)));
        assertEquals("2023-11-05T03:54:00", Representations.time(LocalDateTime.of(2023, 11, 5, 3, 54)));
        assertEquals("2023-11-05T03:54:10.000001", Representations.time(LocalDateTime.of(2023, 11, 5, 3, 54, 10, 1_000)));
        assertNull(Representations.time(null));
    }

    @Test
    void environmentHasTheNestedNamespaceAndV1OnlyCurrentBuild() {
        EnvironmentView env = new EnvironmentView(3, new NamespaceView(1, "default", "{\"a\": 1}"), "demo", "d", 7L);
        Map<String, Object> v1 = Representations.environment(env, true);
        assertEquals(List.of("id", "namespace", "name", "current_build_id", "current_build", "description"),
                List.copyOf(v1.keySet()));
        assertNull(v1.get("current_build"));
        assertEquals(Map.of("a", 1L), ((Map<?, ?>) v1.get("namespace")).get("metadata_"));
        assertFalse(Representations.environment(env, false).containsKey("current_build"));
    }

    @Test
    void buildCarriesSpecificationAndArtifactsWithCondaStoreKeys() {
        LocalDateTime t = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
        BuildView b = new BuildView(9, 3, "default", "demo", BuildStatus.COMPLETED, null, 42, t, t, t, null, 2,
                new SpecificationView(4, "demo", "{\"name\": \"demo\"}", "ab".repeat(32), false, t),
                List.of(new ArtifactView(5, BuildArtifactType.LOGS, "logs/k.log")));
        Map<String, Object> json = Representations.build(b);
        assertEquals(List.of("id", "environment_id", "specification", "packages", "status", "status_info", "size",
                "scheduled_on", "started_on", "ended_on", "build_artifacts"), List.copyOf(json.keySet()));
        assertEquals("COMPLETED", json.get("status"));
        assertEquals(Map.of("name", "demo"), ((Map<?, ?>) json.get("specification")).get("spec"));
        assertEquals(List.of(Map.of("id", 5L, "artifact_type", "LOGS", "key", "logs/k.log")), json.get("build_artifacts"));
        assertTrue(json.containsKey("packages") && json.get("packages") == null);
    }
}
