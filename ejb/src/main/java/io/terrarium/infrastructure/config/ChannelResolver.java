package io.terrarium.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a channel as written in a specification into the URL the engine reads: URLs stay as they are,
 * absolute paths become {@code file://} URLs, a bare name of a local channel under {@code <store>/channels}
 * (such as the shipped {@code demo}) becomes that directory, and any other name expands through the
 * channel alias ({@code conda-forge} to {@code https://conda.anaconda.org/conda-forge}).
 */
@ApplicationScoped
public class ChannelResolver {

    @Inject
    TerrariumConfig config;

    public ChannelResolver() {}

    public ChannelResolver(TerrariumConfig config) {
        this.config = config;
    }

    /**
     * @param channel a channel name, path or URL from a specification
     * @return the channel's base URL, without a trailing slash
     */
    public String resolve(String channel) {
        return resolve(channel, config.channelAlias());
    }

    /**
     * As {@link #resolve(String)}, with a bare name expanded under {@code channelAlias} (the effective
     * {@code conda_channel_alias} of a namespace or environment) instead of the server's.
     */
    public String resolve(String channel, String channelAlias) {
        String c = channel.trim();
        while (c.endsWith("/") && c.length() > 1) {
            c = c.substring(0, c.length() - 1);
        }
        if (c.contains("://")) {
            return c;
        }
        if (c.startsWith("/")) {
            return Path.of(c).toUri().toString().replaceAll("/$", "");
        }
        Path local = config.localChannelsDir().resolve(c).normalize();
        if (!c.contains("/") && local.startsWith(config.localChannelsDir()) && Files.isDirectory(local)) {
            return local.toUri().toString().replaceAll("/$", "");
        }
        String alias = channelAlias.trim();
        while (alias.endsWith("/") && alias.length() > 1) {
            alias = alias.substring(0, alias.length() - 1);
        }
        return alias + "/" + c;
    }

    /**
     * @param url a resolved channel or package URL
     * @return true when it reads from this server's file system ({@code file:} URLs, which is what paths resolve to)
     */
    public boolean isOnServer(String url) {
        return url.regionMatches(true, 0, "file:", 0, 5);
    }

    /**
     * @param url a resolved channel or package URL
     * @return true when it is a {@code file:} URL inside the store's own channels directory (such as {@code demo}),
     *         after {@code ..} and percent-escapes are resolved
     */
    public boolean isStoreChannel(String url) {
        if (!isOnServer(url)) {
            return false;
        }
        try {
            Path path = Path.of(java.net.URI.create(url)).toAbsolutePath().normalize();
            Path channels = config.localChannelsDir().toAbsolutePath().normalize();
            return path.startsWith(channels) && !path.equals(channels);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return false; // not a path this server could read as a store channel
        }
    }
}
