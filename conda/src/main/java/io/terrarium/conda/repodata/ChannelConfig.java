package io.terrarium.conda.repodata;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How channel names become URLs and where fetched repodata is cached: conda's {@code channel_alias} and cache settings.
 *
 * <p>Immutable; change it with the {@code with*} methods. {@link #defaults()} reads the environment
 * ({@code TERRARIUM_CHANNEL_ALIAS}, {@code TERRARIUM_REPODATA_CACHE}, {@code XDG_CACHE_HOME},
 * {@code TERRARIUM_DEFAULT_CHANNELS}).
 */
public final class ChannelConfig {
    /** conda's default channel alias. */
    public static final String DEFAULT_CHANNEL_ALIAS = "https://conda.anaconda.org";

    /** What conda's {@code defaults} channel stands for (outside Windows). */
    public static final List<String> DEFAULT_CHANNELS =
            List.of("https://repo.anaconda.com/pkgs/main", "https://repo.anaconda.com/pkgs/r");

    private final String channelAlias;
    private final Path cacheDir;
    private final boolean offline;
    private final Duration timeout;
    private final List<String> defaultChannels;
    private final long maxDownloadBytes;
    private final long maxRepodataBytes;

    /**
     * Default of {@link #maxDownloadBytes()}: conda-forge's plain linux-64 {@code repodata.json} is about 300 MB,
     * so three times that, not unbounded.
     */
    public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 1L << 30;
    /** Default of {@link #maxRepodataBytes()}: the same 1 GiB, for what a {@code .zst} or {@code .bz2} expands to. */
    public static final long DEFAULT_MAX_REPODATA_BYTES = 1L << 30;

    private ChannelConfig(
            String channelAlias, Path cacheDir, boolean offline, Duration timeout, List<String> defaultChannels) {
        this(
                channelAlias,
                cacheDir,
                offline,
                timeout,
                defaultChannels,
                DEFAULT_MAX_DOWNLOAD_BYTES,
                DEFAULT_MAX_REPODATA_BYTES);
    }

    private ChannelConfig(
            String channelAlias,
            Path cacheDir,
            boolean offline,
            Duration timeout,
            List<String> defaultChannels,
            long maxDownloadBytes,
            long maxRepodataBytes) {
        if (maxDownloadBytes < 1 || maxRepodataBytes < 1) {
            throw new IllegalArgumentException("repodata size limits must be positive");
        }
        this.maxDownloadBytes = maxDownloadBytes;
        this.maxRepodataBytes = maxRepodataBytes;
        this.channelAlias = stripTrailingSlashes(Objects.requireNonNull(channelAlias, "channelAlias"));
        if (!this.channelAlias.contains("://")) {
            throw new IllegalArgumentException(
                    "channel alias must be a URL such as https://conda.anaconda.org, got '" + channelAlias + "'");
        }
        this.cacheDir =
                Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
        this.offline = offline;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.defaultChannels = List.copyOf(defaultChannels);
    }

    /** The configuration the process environment asks for, else conda's defaults. */
    public static ChannelConfig defaults() {
        return fromEnvironment(System.getenv());
    }

    /** Reads {@code TERRARIUM_CHANNEL_ALIAS}, {@code TERRARIUM_REPODATA_CACHE}, {@code XDG_CACHE_HOME} from {@code env}. */
    public static ChannelConfig fromEnvironment(Map<String, String> env) {
        String alias = nonBlank(env.get("TERRARIUM_CHANNEL_ALIAS"), DEFAULT_CHANNEL_ALIAS);
        Path cache;
        String explicit = env.get("TERRARIUM_REPODATA_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            cache = Path.of(explicit);
        } else {
            String xdg = env.get("XDG_CACHE_HOME");
            Path base =
                    xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            cache = base.resolve("terrarium").resolve("repodata");
        }
        List<String> defaults = DEFAULT_CHANNELS;
        String fromEnv = env.get("TERRARIUM_DEFAULT_CHANNELS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            defaults = Arrays.stream(fromEnv.split(","))
                    .map(String::trim)
                    .filter(x -> !x.isEmpty())
                    .toList();
        }
        return new ChannelConfig(alias, cache, false, Duration.ofSeconds(60), defaults);
    }

    /** Base URL that channel names are appended to, without a trailing slash. */
    public String channelAlias() {
        return channelAlias;
    }

    /** Directory holding cached HTTP repodata (created on first use). */
    public Path cacheDir() {
        return cacheDir;
    }

    /** When true, HTTP channels are served from the cache only; a channel not cached is an error. */
    public boolean offline() {
        return offline;
    }

    /** Connect and request timeout for HTTP repodata fetches. */
    public Duration timeout() {
        return timeout;
    }

    /** Channel URLs (or names) that {@code defaults} expands to ({@code TERRARIUM_DEFAULT_CHANNELS}, comma separated). */
    public List<String> defaultChannels() {
        return defaultChannels;
    }

    public ChannelConfig withChannelAlias(String alias) {
        return new ChannelConfig(
                alias, cacheDir, offline, timeout, defaultChannels, maxDownloadBytes, maxRepodataBytes);
    }

    public ChannelConfig withCacheDir(Path dir) {
        return new ChannelConfig(
                channelAlias, dir, offline, timeout, defaultChannels, maxDownloadBytes, maxRepodataBytes);
    }

    public ChannelConfig withOffline(boolean value) {
        return new ChannelConfig(
                channelAlias, cacheDir, value, timeout, defaultChannels, maxDownloadBytes, maxRepodataBytes);
    }

    public ChannelConfig withTimeout(Duration value) {
        return new ChannelConfig(
                channelAlias, cacheDir, offline, value, defaultChannels, maxDownloadBytes, maxRepodataBytes);
    }

    public ChannelConfig withDefaultChannels(List<String> channels) {
        return new ChannelConfig(
                channelAlias, cacheDir, offline, timeout, channels, maxDownloadBytes, maxRepodataBytes);
    }

    /** Most bytes one repodata (or shard, or shard index) download may send, as declared and as read. */
    public long maxDownloadBytes() {
        return maxDownloadBytes;
    }

    /** Most bytes a subdir's repodata may have once decompressed (a {@code .zst} or {@code .bz2} bomb stops here). */
    public long maxRepodataBytes() {
        return maxRepodataBytes;
    }

    /** @return this configuration with other repodata size limits */
    public ChannelConfig withRepodataLimits(long maxDownload, long maxDecompressed) {
        return new ChannelConfig(
                channelAlias, cacheDir, offline, timeout, defaultChannels, maxDownload, maxDecompressed);
    }

    @Override
    public String toString() {
        return "ChannelConfig[alias=" + channelAlias + ", cache=" + cacheDir + (offline ? ", offline" : "") + "]";
    }

    static String stripTrailingSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String nonBlank(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
