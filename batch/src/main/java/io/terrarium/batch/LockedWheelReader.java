package io.terrarium.batch;

import io.terrarium.conda.pip.resolve.PinnedWheel;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Reads the build's locked pip wheels one by one for the fetch-pip and link-pip steps; its checkpoint is the index
 * of the next wheel. A build without pip dependencies has none, so both steps end at once.
 */
@Named("lockedWheelReader")
public class LockedWheelReader extends AbstractItemReader {

    @Inject
    BuildRun run;

    private List<PinnedWheel> wheels;
    private int next;

    @Override
    public void open(Serializable checkpoint) {
        if (run.skipped()) {
            wheels = List.of();
            return;
        }
        wheels = run.lockedWheels();
        next = checkpoint == null ? 0 : (Integer) checkpoint;
    }

    @Override
    public Object readItem() {
        if (next >= wheels.size()) {
            return null;
        }
        return new WheelItem(next, wheels.size(), wheels.get(next++));
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
