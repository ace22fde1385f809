package io.terrarium.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Runs one readiness probe with a deadline, so a hanging database or broker makes its check DOWN within a few
 * seconds instead of holding the health request; every call probes afresh (a DOWN answer is never cached).
 */
@ApplicationScoped
public class Probe {

    /** How long a probe may take before its check is DOWN. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Resource
    ManagedExecutorService executor;

    /** A probe fills in the check's data and returns whether it is UP; it may throw to say DOWN. */
    @FunctionalInterface
    interface Body {
        boolean run(HealthCheckResponseBuilder response) throws Exception;
    }

    HealthCheckResponse check(String name, Body body) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name);
        Callable<Boolean> task = () -> body.run(response);
        Future<Boolean> outcome = executor.submit(task);
        try {
            return response.status(outcome.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .build();
        } catch (TimeoutException e) {
            outcome.cancel(true);
            return response.down()
                    .withData("error", "no answer within " + TIMEOUT.toSeconds() + " s")
                    .build();
        } catch (ExecutionException e) {
            return response.down().withData("error", describe(e.getCause())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }

    /** @return what {@code read} answers within {@code limit}, or null when it fails or takes longer */
    <T> T within(Duration limit, Callable<T> read) {
        Future<T> outcome = executor.submit(read);
        try {
            return outcome.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            outcome.cancel(true);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
