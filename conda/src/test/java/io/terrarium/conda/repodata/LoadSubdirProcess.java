package io.terrarium.conda.repodata;

import io.terrarium.conda.types.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A second worker process for {@link RepodataFormsTest}: {@code LoadSubdirProcess CACHE_DIR CHANNEL_URL GO_FILE}
 * prints {@code ready}, waits (polling, with a deadline) for {@code GO_FILE} to exist, loads the channel's linux-64
 * and noarch through the shared cache and prints {@code loaded <names>}.
 */
public final class LoadSubdirProcess {
    private LoadSubdirProcess() {}

    public static void main(String[] args) throws Exception {
        ChannelConfig cfg = ChannelConfig.fromEnvironment(Map.of()).withCacheDir(Path.of(args[0]));
        Channel channel = Channel.parse(args[1], cfg);
        Path go = Path.of(args[2]);
        System.out.println("ready");
        System.out.flush();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                System.out.println("no go file within 30 s");
                System.exit(2);
            }
            Thread.sleep(2);
        }
        RepoIndex index = RepoIndex.load(List.of(channel), Platform.LINUX_64, cfg);
        System.out.println("loaded " + index.names().size());
    }
}
