package io.terrarium.batch;

import jakarta.batch.api.chunk.listener.ItemWriteListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Fences the fetch and link chunks: before a chunk writes, checks that this execution's attempt may still write the
 * build; after it wrote, records the step's progress with a conditional update of the build row inside the chunk's
 * transaction, which commits together with the checkpoint. When the attempt no longer holds the build (taken over,
 * canceled, deleted), the chunk and its checkpoint roll back and the execution stops at this package.
 */
@Named("buildFenceListener")
public class BuildFenceListener implements ItemWriteListener {

    @Inject
    BuildRun run;

    @Inject
    StepContext stepContext;

    @Override
    public void beforeWrite(List<Object> items) {
        if (!run.skipped() && !run.mayWrite()) {
            throw new FencedOutException(run);
        }
    }

    @Override
    public void afterWrite(List<Object> items) {
        if (run.skipped() || items.isEmpty()) {
            return;
        }
        ChunkItem last = (ChunkItem) items.get(items.size() - 1);
        if (!run.port()
                .recordStepProgress(
                        run.buildId(), run.attempt(), stepContext.getStepName(), last.index() + 1, last.total())) {
            run.lease().revoke("the build row no longer names attempt " + run.attempt());
            throw new FencedOutException(run);
        }
    }

    @Override
    public void onWriteError(List<Object> items, Exception ex) {
        // the chunk rolls back; the step listener reports the failure
    }
}
