package io.terrarium.batch;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Link-pip step writer: installs each locked wheel into the build prefix after the conda packages (a wheel whose
 * {@code .dist-info} is complete is skipped, so a restarted chunk repeats safely).
 */
@Named("linkPipWriter")
public class LinkPipWriter extends AbstractItemWriter {

    @Inject
    BuildRun run;

    @Inject
    BuildEngine engine;

    @Override
    public void writeItems(List<Object> items) throws Exception {
        for (Object o : items) {
            WheelItem item = (WheelItem) o;
            TestHooks.pause(run);
            boolean installed = engine.installWheel(run.plan(), run.lockedRecords(), item.wheel());
            run.log().append("link-pip", item.label() + (installed ? " installed" : " already installed"));
        }
    }
}
