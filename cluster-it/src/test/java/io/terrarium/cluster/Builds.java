package io.terrarium.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build-level steps the cluster scenarios share: submit specs of the fixture channel, wait for a build to be
 * linking, find the worker that runs it (worker API of issue 9), wait for builds to end, read the issue 9 fields.
 */
final class Builds {

    /** A package linked by a build of the fixture channel, as the link step logs it. */
    static final Pattern LINKED = Pattern.compile("(slow-\\d+|killer|bigshared-\\d+)-1\\.0-0 linked");

    private final ClusterApi api;

    Builds(ClusterApi api) {
        this.api = api;
    }

    static String spec(String name, String... dependencies) {
        return "name: " + name + "\nchannels: [" + SlowChannel.NAME + "]\ndependencies: ["
                + String.join(", ", dependencies) + "]\n";
    }

    /** Submits {@code count} environments {@code prefix-1..prefix-count} of {@code dependency}. */
    List<Long> submit(String prefix, int count, String dependency) throws IOException, InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            ids.add(api.submit(spec(prefix + "-" + k, dependency)));
        }
        return ids;
    }

    static int linkedCount(String log) {
        Matcher m = LINKED.matcher(log);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * Waits until one of {@code ids} is in the middle of its link step (at least one package linked, the build
     * not completed) and returns it.
     */
    long awaitLinking(List<Long> ids, Duration timeout) throws InterruptedException {
        long[] found = {-1};
        Poll.until(
                "one of builds " + ids + " to be linking",
                timeout,
                () -> {
                    for (long id : ids) {
                        String log = api.log(id);
                        int linked = linkedCount(log);
                        if (linked >= 1 && linked < SlowChannel.SLOW_PACKAGES - 1 && !log.contains("build completed")) {
                            found[0] = id;
                            return true;
                        }
                    }
                    return false;
                },
                () -> statuses(ids));
        return found[0];
    }

    /** The worker API's entry of the worker that lists {@code buildId} among its running builds. */
    Map<String, Object> workerRunning(long buildId, Duration timeout) throws InterruptedException {
        List<Map<String, Object>> found = new ArrayList<>();
        Poll.until(
                "a worker listing build " + buildId + " in running_builds",
                timeout,
                () -> {
                    for (Map<String, Object> w : api.workers()) {
                        if (Boolean.TRUE.equals(w.get("alive"))
                                && numbers(w.get("running_builds")).contains(buildId)) {
                            found.add(w);
                            return true;
                        }
                    }
                    return false;
                },
                this::workersText);
        return found.get(0);
    }

    String workersText() {
        try {
            return "workers: " + api.workers();
        } catch (Exception | AssertionError e) {
            return "workers: " + e.getMessage();
        }
    }

    /** Waits until every build has ended; returns id -> status (a build still running fails the wait). */
    Map<Long, String> awaitEnd(List<Long> ids, Duration timeout) throws InterruptedException {
        Poll.until(
                "builds " + ids + " to end",
                timeout,
                Duration.ofSeconds(1),
                () -> {
                    for (long id : ids) {
                        if (!ClusterApi.isFinal(api.status(id))) {
                            return false;
                        }
                    }
                    return true;
                },
                () -> statuses(ids));
        Map<Long, String> out = new LinkedHashMap<>();
        for (long id : ids) {
            try {
                out.put(id, api.status(id));
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return out;
    }

    String statuses(List<Long> ids) {
        StringBuilder sb = new StringBuilder("builds:");
        for (long id : ids) {
            try {
                Map<String, Object> b = api.build(id);
                sb.append("\n  ")
                        .append(id)
                        .append(' ')
                        .append(b.get("status"))
                        .append(" attempt=")
                        .append(b.get("attempt"))
                        .append(" worker=")
                        .append(b.get("worker"))
                        .append(" status_info=")
                        .append(b.get("status_info"));
            } catch (Exception | AssertionError e) {
                sb.append("\n  ")
                        .append(id)
                        .append(" (unavailable: ")
                        .append(e.getMessage())
                        .append(')');
            }
        }
        return sb.toString();
    }

    String logOf(long id) {
        try {
            return api.log(id);
        } catch (Exception | AssertionError e) {
            return "(log unavailable: " + e + ")";
        }
    }

    /** The build's {@code attempt} (issue 9 contract). */
    long attempt(long id) throws IOException, InterruptedException {
        return requiredNumber(api.build(id), "attempt", id);
    }

    static long requiredNumber(Map<String, Object> build, String field, long id) {
        Object v = build.get(field);
        if (!(v instanceof Number n)) {
            throw new MissingFeature("build " + id + " has no numeric '" + field + "' (issue 9 contract, GET"
                    + " /api/v1/build/{id}/; needs the `worker` branch): " + build);
        }
        return n.longValue();
    }

    /** The build's {@code job_executions} (issue 9 contract). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobExecutions(long id) throws IOException, InterruptedException {
        Map<String, Object> b = api.build(id);
        Object v = b.get("job_executions");
        if (!(v instanceof List<?>)) {
            throw new MissingFeature("build " + id + " has no 'job_executions' (issue 9 contract; needs the `worker`"
                    + " branch): " + b);
        }
        return (List<Map<String, Object>>) v;
    }

    static List<Long> numbers(Object list) {
        List<Long> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                out.add(((Number) o).longValue());
            }
        }
        return out;
    }

    /** Occurrences of {@code text} in {@code s}. */
    static int count(String s, String text) {
        int n = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }
}
