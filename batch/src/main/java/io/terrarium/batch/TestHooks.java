package io.terrarium.batch;

/**
 * Deliberate failures for restart tests: job parameter {@code failAfterFetched=k} or {@code failAfterLinked=k}
 * makes the step throw before its (k+1)-th package, after k packages were committed; {@code pauseMillis=n} makes
 * fetch and link wait n ms per package (to kill a server mid-build). Only tests set them; the
 * REST API never passes job parameters other than the build id.
 */
final class TestHooks {

    private TestHooks() {}

    static void pause(BuildRun run) {
        run.intParameter("pauseMillis").ifPresent(ms -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static void failBefore(BuildRun run, String parameter, PackageItem item) {
        run.intParameter(parameter).ifPresent(k -> {
            if (item.index() == k) {
                throw new IllegalStateException(parameter + "=" + k + ": failing on purpose before "
                        + item.record().name() + " (" + (k + 1) + " of " + item.total() + ")");
            }
        });
    }
}
