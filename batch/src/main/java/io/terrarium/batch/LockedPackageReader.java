package io.terrarium.batch;

import io.terrarium.conda.types.PackageRecord;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Reads the build's locked records one by one (one item per package) for the fetch and link steps; its
 * checkpoint is the index of the next record, so a restart continues after the last committed package.
 */
@Named("lockedPackageReader")
public class LockedPackageReader extends AbstractItemReader {

    @Inject
    BuildRun run;

    private List<PackageRecord> records;
    private int next;

    @Override
    public void open(Serializable checkpoint) {
        if (run.skipped()) {
            records = List.of();
            return;
        }
        records = run.lockedRecords();
        next = checkpoint == null ? 0 : (Integer) checkpoint;
    }

    @Override
    public Object readItem() {
        if (next >= records.size()) {
            return null;
        }
        return new PackageItem(next, records.size(), records.get(next++));
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
