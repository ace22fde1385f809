package io.terrarium.batch;

import io.terrarium.conda.install.RecordLinkResult;
import io.terrarium.conda.install.Transaction;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Link step writer: links each package from the package cache into the build prefix through the engine's
 * per-record, resumable transaction (a package whose conda-meta record exists is complete and skipped). What its
 * link scripts print, their messages and the link's warnings go to the build log.
 */
@Named("linkWriter")
public class LinkWriter extends AbstractItemWriter {

    static final String FAIL_AFTER = "failAfterLinked";

    @Inject
    BuildRun run;

    @Inject
    BuildEngine engine;

    private Transaction transaction;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        if (!run.skipped()) {
            transaction = engine.openLinking(run.plan(), run.lockedRecords());
        }
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        for (Object o : items) {
            PackageItem item = (PackageItem) o;
            TestHooks.failBefore(run, FAIL_AFTER, item);
            TestHooks.pause(run);
            RecordLinkResult result = transaction.link(item.index());
            result.scriptOutput().forEach(text -> run.log().append("link", text));
            result.messages().forEach(text -> run.log().append("link", text));
            result.warnings().forEach(text -> run.log().append("link", "warning: " + text));
            run.log().append("link", item.label() + (result.alreadyLinked() ? " already linked" : " linked"));
        }
    }
}
