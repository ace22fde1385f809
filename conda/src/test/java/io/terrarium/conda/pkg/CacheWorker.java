package io.terrarium.conda.pkg;

import io.terrarium.conda.types.PackageRecord;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A separate process for {@link PackageCacheTest}: extracts one package into a shared cache, prints
 * {@code DOWNLOADED} and {@code EXTRACTED} when it did that work itself, then the extracted path.
 * Arguments: cache dir, url, sha256 ({@code -} for a record without checksums), size, and optionally a phase
 * (DOWNLOAD or EXTRACT) in which to stop and wait to be killed, after printing {@code HANG <phase>}.
 */
public final class CacheWorker {
    private CacheWorker() {}

    public static void main(String[] args) throws Exception {
        String url = args[1];
        String fn = url.substring(url.lastIndexOf('/') + 1);
        PackageRecord r = PackageRecord.builder("big", "1.0")
                .build("0")
                .fn(fn)
                .url(url)
                .sha256(args[2].equals("-") ? null : args[2])
                .size(Long.parseLong(args[3]))
                .build();
        String hangIn = args.length > 4 ? args[4] : null;
        AtomicBoolean downloaded = new AtomicBoolean();
        AtomicBoolean extracted = new AtomicBoolean();
        CacheProgress progress = (phase, done, total) -> {
            (phase == CacheProgress.Phase.DOWNLOAD ? downloaded : extracted).set(true);
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
        Path dir = new PackageCache(Path.of(args[0])).ensureExtracted(r, progress);
        if (downloaded.get()) {
            System.out.println("DOWNLOADED");
        }
        if (extracted.get()) {
            System.out.println("EXTRACTED");
        }
        System.out.println(dir);
    }
}
