package io.terrarium.conda.repodata;

import io.terrarium.conda.types.Platform;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Prints how long loading a generated conda-forge-sized {@code repodata.json} takes and how much heap the loaded
 * index keeps. Run it under {@code -Xmx512m}: {@code RepodataLoadBench [records] [repeats] [dir]}.
 */
public final class RepodataLoadBench {
    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("repodata-bench");
        Path file = dir.resolve("channel/linux-64/repodata.json");
        if (!Files.isRegularFile(file)) {
            long t0 = System.nanoTime();
            RepodataGenerator.write(file, records, 42);
            System.out.printf(
                    "generated %s (%.1f MB) in %.1f s%n", file, Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9);
        }
        ChannelConfig cfg = ChannelConfig.defaults();
        Channel channel = Channel.parse(file.getParent().getParent().toString(), cfg);
        List<Double> times = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        RepoIndex index = null;
        for (int i = 0; i < repeats; i++) {
            index = null;
            System.gc();
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            index = RepoIndex.load(List.of(channel), Platform.LINUX_64, cfg);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - c0) / 1e9;
            times.add(s);
            cpus.add(cpu);
            System.out.printf(
                    "load %d: %,d records, %,d names in %.2f s wall, %.2f s CPU (all threads, GC included)%n",
                    i + 1, index.size(), index.names().size(), s, cpu);
        }
        System.gc();
        System.gc();
        long retained =
                Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf(
                "file %.1f MB, %,d records; load wall first %.2f s, median %.2f s; CPU median %.2f s; "
                        + "heap retained with the index %.0f MB of max %.0f MB; system load average %.1f on %d cores%n",
                Files.size(file) / 1e6,
                index.size(),
                times.get(0),
                median(times),
                median(cpus),
                retained / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
