package io.terrarium.batch;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Fetch step writer: downloads (verifying size and hash) and extracts each package into the shared package
 * cache; a package already in the cache is not downloaded again.
 */
@Named("fetchWriter")
public class FetchWriter extends AbstractItemWriter {

    static final String FAIL_AFTER = "failAfterFetched";

    @Inject
    BuildRun run;

    @Inject
    BuildEngine engine;

    @Override
    public void writeItems(List<Object> items) throws Exception {
        for (Object o : items) {
            PackageItem item = (PackageItem) o;
            TestHooks.failBefore(run, FAIL_AFTER, item);
            TestHooks.pause(run);
            boolean downloaded = engine.fetch(item.record());
            run.log().append("fetch", item.label() + (downloaded ? " fetched" : " already in the package cache"));
        }
    }
}
