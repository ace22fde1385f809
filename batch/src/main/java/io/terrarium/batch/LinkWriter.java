package io.terrarium.batch;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Link step writer: links each package from the package cache into the build prefix with the engine's
 * per-record, resumable link (a package whose conda-meta record exists is complete and skipped).
 */
@Named("linkWriter")
public class LinkWriter extends AbstractItemWriter {

    static final String FAIL_AFTER = "failAfterLinked";

    @Inject
    BuildRun run;

    @Inject
    BuildEngine engine;

    @Override
    public void writeItems(List<Object> items) {
        for (Object o : items) {
            PackageItem item = (PackageItem) o;
            TestHooks.failBefore(run, FAIL_AFTER, item);
            boolean linked = engine.link(run.plan().buildPath(), item.record());
            run.log().append("link", item.label() + (linked ? " linked" : " already linked"));
        }
    }
}
