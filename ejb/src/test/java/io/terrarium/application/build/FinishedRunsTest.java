package io.terrarium.application.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.application.view.BuildRunView;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.environment.Environment;
import io.terrarium.domain.model.namespace.Namespace;
import io.terrarium.domain.model.specification.Specification;
import java.lang.reflect.Field;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A finished build's runs are reused only while the build has not run again. */
class FinishedRunsTest {

    private final LocalDateTime now = LocalDateTime.of(2026, 12, 6, 9, 0, 0);
    private final FinishedRuns cache = new FinishedRuns();

    private Build running(long id) throws ReflectiveOperationException {
        Environment env = new Environment(new Namespace("default"), "demo", null);
        Build b = new Build(env, new Specification("demo", "{}", "0".repeat(64), false, now), 2, now);
        Field field = Build.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(b, id);
        b.claim("5", "w-1", "w1", false, now);
        return b;
    }

    private static BuildRunView runs(LocalDateTime executionEnd) {
        return new BuildRunView(
                1,
                "w-1",
                List.of(new BuildRunView.JobExecutionView(5, "COMPLETED", null, executionEnd, "w-1", 1, List.of())));
    }

    @Test
    void aFinishedBuildsRunsAreReusedWhileItStaysAsItWas() throws Exception {
        Build b = running(7);
        b.markCompleted(10, now.plusSeconds(5));
        BuildRunView read = runs(now.plusSeconds(5));
        cache.remember(b, read);
        assertEquals(Optional.of(read), cache.of(b));
    }

    @Test
    void aRunningBuildOrAnExecutionStillRunningIsNotKept() throws Exception {
        Build b = running(8);
        cache.remember(b, runs(now));
        assertTrue(cache.of(b).isEmpty(), "the build is still BUILDING");
        b.markFailed("lost", now.plusSeconds(5));
        cache.remember(b, runs(null));
        assertTrue(cache.of(b).isEmpty(), "a fenced execution may still be running");
    }

    @Test
    void aBuildThatRunsAgainIsReadAgain() throws Exception {
        Build b = running(9);
        b.markFailed("worker lost", now.plusSeconds(5));
        cache.remember(b, runs(now.plusSeconds(5)));
        b.resumeFailed("6", "w-2", "w2", now.plusSeconds(6));
        assertTrue(cache.of(b).isEmpty(), "a new attempt makes the stored runs stale");
    }
}
