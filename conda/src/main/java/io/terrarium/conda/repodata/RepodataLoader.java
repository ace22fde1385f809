package io.terrarium.conda.repodata;

import io.terrarium.conda.types.Platform;

import java.util.List;
import java.util.Objects;

/** Fetches and parses the repodata of channel subdirs (work in progress). */
public final class RepodataLoader {
    private final ChannelConfig config;

    public RepodataLoader(ChannelConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public RepoIndex loadIndex(List<Channel> channels, Platform platform) {
        throw new UnsupportedOperationException("repodata loading lands shortly");
    }
}
