package io.terrarium.conda.pkg;

import io.terrarium.conda.types.PackageRecord;

import java.nio.file.Path;

/** A separate process for {@link PackageCacheTest}: extracts one package into a shared cache and prints the path. */
public final class CacheWorker {
    private CacheWorker() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        String fn = url.substring(url.lastIndexOf('/') + 1);
        PackageRecord r = PackageRecord.builder("big", "1.0").build("0").fn(fn).url(url).sha256(args[2])
                .size(Long.parseLong(args[3])).build();
        System.out.println(new PackageCache(Path.of(args[0])).ensureExtracted(r));
    }
}
