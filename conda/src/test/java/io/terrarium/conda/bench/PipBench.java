package io.terrarium.conda.bench;

import io.terrarium.conda.pip.PipEngine;
import io.terrarium.conda.pip.fixture.WheelBuilder;
import io.terrarium.conda.pip.index.IndexConfig;
import io.terrarium.conda.pip.requirement.Requirement;
import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.pip.resolve.PipResolution;
import io.terrarium.conda.pip.resolve.PipTarget;
import io.terrarium.conda.pkg.FileTrees;
import io.terrarium.conda.pkg.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The pip benchmark's Java side (bench/pip/run.sh drives it): {@code generate <dir>} writes 50 fixture wheels
 * (deterministic content and dependencies, each on the next lower name and up to two random lower ones, a few older
 * versions each) and a static PEP 503 index of them, so the 10 top-level requirements install all 50;
 * {@code run <index-url> <work> <reps>} times, in one JVM, cold (empty page and wheel caches) and warm (both hot)
 * resolve + fetch + install into fresh prefixes, printing {@code key=value} lines. A first round is untimed, as in a
 * long-running server.
 */
public final class PipBench {
    static final int WHEELS = 50;
    /** Marks a finished index; named after the generator's revision, so an index of an older one is made again. */
    private static final String COMPLETE = ".complete-all-reached";

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("generate")) {
            generate(Path.of(args[1]));
        } else if (args.length >= 4 && args[0].equals("run")) {
            run(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
        } else {
            System.err.println("usage: PipBench generate <dir> | run <index-url> <work-dir> <reps>");
            System.exit(2);
        }
    }

    static String name(int i) {
        return String.format("bench-wheel-%02d", i);
    }

    static void generate(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(COMPLETE))) {
            return;
        }
        FileTrees.delete(dir);
        Random random = new Random(20261206L);
        Path files = Files.createDirectories(dir.resolve("files"));
        StringBuilder root = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
        for (int i = 0; i < WHEELS; i++) {
            String name = name(i);
            String module = name.replace('-', '_');
            StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
            List<String> deps = new ArrayList<>();
            for (int d = 0; d < 3 && i > 0; d++) {
                // the first dependency is the next lower name, so the top-level requirements reach all of them
                deps.add(name(d == 0 ? i - 1 : random.nextInt(i)));
            }
            for (int minor = 0; minor < 3; minor++) {
                WheelBuilder w = WheelBuilder.wheel(name, "1." + minor).requiresPython(">=3.8");
                for (String dep : deps.stream().distinct().toList()) {
                    w.requiresDist(dep + ">=1.0");
                }
                int count = 10 + random.nextInt(30);
                for (int f = 0; f < count; f++) {
                    StringBuilder src = new StringBuilder("# generated\n");
                    for (int l = 0; l < 20 + random.nextInt(200); l++) {
                        src.append("VALUE_")
                                .append(l)
                                .append(" = ")
                                .append(random.nextInt())
                                .append('\n');
                    }
                    w.file(module + "/m" + f + ".py", src.toString());
                }
                w.file(module + "/__init__.py", "def main():\n    return 0\n").consoleScript(name, module + ":main");
                Path whl = w.writeTo(files);
                page.append("<a href=\"../../files/")
                        .append(whl.getFileName())
                        .append("#sha256=")
                        .append(Sha256.of(whl))
                        .append("\" data-requires-python=\"&gt;=3.8\">")
                        .append(whl.getFileName())
                        .append("</a><br/>\n");
            }
            Path p = Files.createDirectories(dir.resolve("simple").resolve(name));
            Files.writeString(p.resolve("index.html"), page.append("</body></html>\n"), StandardCharsets.UTF_8);
            root.append("<a href=\"").append(name).append("/\">").append(name).append("</a><br/>\n");
        }
        Files.writeString(dir.resolve("simple/index.html"), root.append("</body></html>\n"), StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("requirements.txt"),
                Stream.iterate(WHEELS - 1, i -> i - 1)
                                .limit(10)
                                .map(PipBench::name)
                                .collect(Collectors.joining("\n")) + "\n");
        Files.writeString(dir.resolve(COMPLETE), "");
    }

    static void run(String indexUrl, Path work, int reps) throws IOException {
        List<Requirement> reqs = Stream.iterate(WHEELS - 1, i -> i - 1)
                .limit(10)
                .map(i -> Requirement.parse(name(i)))
                .toList();
        PipTarget target = PipTarget.of("3.11.7", "linux-64");
        FileTrees.delete(work);
        long[] first = round(indexUrl, work.resolve("first"), reqs, target);
        List<Long> cold = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        List<Long> resolveCold = new ArrayList<>();
        int wheels = 0;
        for (int r = 0; r < reps; r++) {
            long[] t = round(indexUrl, work.resolve("r" + r), reqs, target);
            cold.add(t[0]);
            warm.add(t[1]);
            resolveCold.add(t[2]);
            wheels = (int) t[3];
        }
        if (wheels != WHEELS) {
            throw new IllegalStateException("resolved " + wheels + " wheels, not the " + WHEELS + " of the index");
        }
        System.out.println("wheels=" + wheels);
        System.out.println("cold_ms=" + median(cold) + " cold_all=" + cold);
        System.out.println("warm_ms=" + median(warm) + " warm_all=" + warm);
        System.out.println("cold_resolve_ms=" + median(resolveCold));
        System.out.println("first_cold_ms=" + first[0]);
        System.out.println("first_warm_ms=" + first[1]);
        System.out.println("prefix_dir=" + work.resolve("r0/warm-prefix"));
    }

    /** {cold ms, warm ms, cold resolve ms, wheel count}: both with fresh prefixes, the second with hot caches. */
    private static long[] round(String indexUrl, Path dir, List<Requirement> reqs, PipTarget target)
            throws IOException {
        IndexConfig config = new IndexConfig(indexUrl, List.of(), Set.of(), dir.resolve("http-cache"));
        long t0 = System.nanoTime();
        PipEngine cold = new PipEngine(config, dir.resolve("wheels"));
        PipResolution res = cold.resolve(reqs, target, List.of(), null);
        long resolved = System.nanoTime();
        install(cold, res, dir.resolve("cold-prefix"), target);
        long t1 = System.nanoTime();
        PipEngine warm = new PipEngine(config, dir.resolve("wheels"));
        PipResolution again = warm.resolve(reqs, target, List.of(), null);
        install(warm, again, dir.resolve("warm-prefix"), target);
        long t2 = System.nanoTime();
        return new long[] {
            (t1 - t0) / 1_000_000,
            (t2 - t1) / 1_000_000,
            (resolved - t0) / 1_000_000,
            res.wheels().size()
        };
    }

    private static void install(PipEngine engine, PipResolution res, Path prefix, PipTarget target) {
        for (PinnedWheel w : res.wheels()) {
            engine.fetch(w);
        }
        for (PinnedWheel w : res.wheels()) {
            engine.install(prefix, target, w);
        }
    }

    private static long median(List<Long> xs) {
        List<Long> s = xs.stream().sorted().toList();
        return s.get((s.size() - 1) / 2);
    }
}
