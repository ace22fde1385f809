package io.terrarium.conda.pkg;

import io.terrarium.conda.types.PackageRecord;

import java.nio.file.Path;

/**
 * A separate process for {@link PackageCacheTest}: extracts one package into a shared cache and prints the path.
 * Arguments: cache dir, url, sha256, size, and optionally a phase (DOWNLOAD or EXTRACT) in which to stop and wait
 * to be killed, after printing {@code HANG <phase>}.
 */
public final class CacheWorker {
    private CacheWorker() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        String fn = url.substring(url.lastIndexOf('/') + 1);
        PackageRecord r = PackageRecord.builder("big", "1.0").build("0").fn(fn).url(url).sha256(args[2])
                .size(Long.parseLong(args[3])).build();
        String hangIn = args.length > 4 ? args[4] : null;
        CacheProgress progress = (phase, done, total) -> {
            if (phase.name().equals(hangIn) && done > 0) {
                System.out.println("HANG " + phase);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        System.out.println(new PackageCache(Path.of(args[0])).ensureExtracted(r, progress));
    }
}
