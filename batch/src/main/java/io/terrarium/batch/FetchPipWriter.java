package io.terrarium.batch;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Fetch-pip step writer: downloads each locked wheel into the store's shared wheel cache, verifying its sha256; a
 * wheel already in the cache is not downloaded again.
 */
@Named("fetchPipWriter")
public class FetchPipWriter extends AbstractItemWriter {

    @Inject
    BuildRun run;

    @Inject
    BuildEngine engine;

    @Override
    public void writeItems(List<Object> items) throws Exception {
        for (Object o : items) {
            WheelItem item = (WheelItem) o;
            TestHooks.pause(run);
            engine.fetchWheel(run.plan(), item.wheel());
            run.log().append("fetch-pip", item.label() + " in the wheel cache");
        }
    }
}
