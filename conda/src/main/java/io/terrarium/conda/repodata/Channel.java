package io.terrarium.conda.repodata;

import io.terrarium.conda.types.Platform;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conda channel: a base URL holding one directory per subdir, named as the user wrote it or as conda canonicalises it.
 *
 * <p>{@link #parse} accepts a channel name expanded through the channel alias ({@code conda-forge},
 * {@code conda-forge/label/dev}), an {@code http(s)://} or {@code file://} URL, or a local directory path (absolute,
 * {@code ./} or {@code ../} relative, {@code ~/...}, or a relative path with a separator that names an existing
 * directory). A trailing known subdir ({@code .../conda-forge/linux-64}) is stripped, as conda does, and remembered in
 * {@link #platformHint()}. A user and password or an anaconda.org token ({@code /t/<token>/}) in the URL is kept
 * aside: {@link #url()} never carries credentials, {@link #authenticatedUrl} and {@link #authorizationHeader} give
 * them back for requests. Two channels are equal when their canonical URLs are.
 */
public final class Channel {
    /** conda's name for the default channels; {@link #parseAll} expands it. */
    public static final String DEFAULTS = "defaults";

    private static final Pattern TOKEN_PATH = Pattern.compile("^/t/([A-Za-z0-9_-]+)(/.*|$)");

    private final String url;
    private final String name;
    private final Platform platformHint;
    /** anaconda.org-style token ({@code /t/<token>/} after the host), kept out of {@link #url}. */
    private final String token;
    /** {@code user:password} from the URL, kept out of {@link #url}. */
    private final String userInfo;

    private Channel(String url, String name, Platform platformHint) {
        this(url, name, platformHint, null, null);
    }

    private Channel(String url, String name, Platform platformHint, String token, String userInfo) {
        this.url = url;
        this.name = name;
        this.platformHint = platformHint;
        this.token = token;
        this.userInfo = userInfo;
    }

    /**
     * Parses a channel as written in a spec, on a command line or in an environment.yml.
     *
     * @throws IllegalArgumentException with a message naming the text when it is neither a name, URL nor path
     */
    public static Channel parse(String text, ChannelConfig config) {
        Objects.requireNonNull(config, "config");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty channel name");
        }
        String s = text.trim();
        if (s.equals(DEFAULTS)) {
            throw new IllegalArgumentException("channel 'defaults' stands for several channels ("
                    + String.join(", ", config.defaultChannels()) + "): list those instead");
        }
        if (s.contains(" ") && !looksLikePath(s) && !s.contains("://")) {
            throw new IllegalArgumentException("not a channel name, URL or path: '" + text + "'");
        }
        int scheme = s.indexOf("://");
        if (scheme > 0) {
            String proto = s.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
            if (proto.equals("file")) {
                return fromPath(fileUrlToPath(s, text), text);
            }
            if (!proto.equals("http") && !proto.equals("https")) {
                throw new IllegalArgumentException("unsupported channel URL scheme '" + proto + "' in '" + text
                        + "' (use http://, https:// or file://)");
            }
            return fromHttpUrl(proto + s.substring(scheme), config);
        }
        if (looksLikePath(s)) {
            return fromPath(expandPath(s, text), text);
        }
        if ((s.indexOf('/') >= 0 || s.indexOf('\\') >= 0) && isExistingDirectory(s)) {
            return fromPath(expandPath(s, text), text);
        }
        // a channel name, possibly with a label path: conda-forge, conda-forge/label/dev, pkgs/main
        String nameText = ChannelConfig.stripTrailingSlashes(s);
        Platform hint = trailingPlatform(nameText);
        if (hint != null) {
            nameText = nameText.substring(0, nameText.length() - hint.subdir().length() - 1);
        }
        if (nameText.isEmpty() || nameText.startsWith("/") || !nameText.matches("[A-Za-z0-9_.+/-]+")) {
            throw new IllegalArgumentException("not a channel name, URL or path: '" + text + "'");
        }
        return new Channel(config.channelAlias() + "/" + nameText, nameText, hint);
    }

    /**
     * Parses a channel that may stand for several: {@code defaults} becomes the configured default channels (conda's
     * {@code pkgs/main} and {@code pkgs/r}); anything else is {@link #parse}d.
     */
    public static List<Channel> parseAll(String text, ChannelConfig config) {
        Objects.requireNonNull(config, "config");
        if (text != null && text.trim().equals(DEFAULTS)) {
            return config.defaultChannels().stream().map(c -> parse(c, config)).toList();
        }
        return List.of(parse(text, config));
    }

    private static Channel fromHttpUrl(String s, ChannelConfig config) {
        String base = ChannelConfig.stripTrailingSlashes(s);
        URI uri;
        try {
            uri = new URI(base);
            if (uri.getHost() == null) {
                throw new URISyntaxException(redact(s), "no host");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed channel URL '" + redact(s) + "': " + e.getReason());
        }
        // credentials never become part of the canonical URL (records, lockfiles, logs); fetches add them back
        String userInfo = uri.getRawUserInfo();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String token = null;
        Matcher m = TOKEN_PATH.matcher(path);
        if (m.matches()) {
            token = m.group(1);
            path = m.group(2);
        }
        if (userInfo != null || token != null) {
            base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
            base = ChannelConfig.stripTrailingSlashes(base);
        }
        Platform hint = trailingPlatform(base);
        if (hint != null) {
            base = base.substring(0, base.length() - hint.subdir().length() - 1);
        }
        String alias = config.channelAlias() + "/";
        String name = base.startsWith(alias) && base.length() > alias.length() ? base.substring(alias.length()) : base;
        return new Channel(base, name, hint, token, userInfo);
    }

    /** The URL with any password or token replaced, for messages. */
    static String redact(String url) {
        return url.replaceAll("(://)[^/@]+@", "$1***@").replaceAll("/t/[A-Za-z0-9_-]+(/|$)", "/t/***$1");
    }

    private static Channel fromPath(Path path, String original) {
        Path p = path.toAbsolutePath().normalize();
        Platform hint = null;
        Path last = p.getFileName();
        if (last != null) {
            Platform maybe = knownPlatform(last.toString());
            if (maybe != null && p.getParent() != null) {
                hint = maybe;
                p = p.getParent();
            }
        }
        String url = ChannelConfig.stripTrailingSlashes(p.toUri().toString());
        return new Channel(url, url, hint);
    }

    private static Path fileUrlToPath(String s, String original) {
        try {
            return Path.of(new URI(ChannelConfig.stripTrailingSlashes(s.replace(" ", "%20"))));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed file channel URL '" + original
                    + "' (expected file:///absolute/path): " + e.getMessage());
        }
    }

    private static boolean looksLikePath(String s) {
        return s.startsWith("/")
                || s.startsWith("./")
                || s.startsWith("../")
                || s.equals(".")
                || s.equals("..")
                || s.startsWith("~/")
                || s.equals("~")
                || s.startsWith(".\\")
                || s.startsWith("..\\")
                || s.matches("[A-Za-z]:[\\\\/].*");
    }

    private static Path expandPath(String s, String original) {
        try {
            if (s.equals("~") || s.startsWith("~/")) {
                return Path.of(System.getProperty("user.home")).resolve(s.length() > 2 ? s.substring(2) : "");
            }
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid channel path: '" + original + "': " + e.getMessage());
        }
    }

    private static boolean isExistingDirectory(String s) {
        try {
            return Files.isDirectory(Path.of(s));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static Platform trailingPlatform(String s) {
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        return knownPlatform(s.substring(slash + 1));
    }

    private static Platform knownPlatform(String segment) {
        for (Platform p : Platform.known()) {
            if (p.subdir().equals(segment)) {
                return p;
            }
        }
        return null;
    }

    /** Canonical base URL without subdir and without trailing slash, e.g. {@code https://conda.anaconda.org/conda-forge}. */
    public String url() {
        return url;
    }

    /** conda's canonical name: the name for channels under the channel alias, the URL otherwise. */
    public String name() {
        return name;
    }

    /** URL of one subdir of this channel, e.g. {@code .../conda-forge/linux-64}. */
    public String subdirUrl(Platform platform) {
        return url + "/" + platform.subdir();
    }

    /** The subdir the user named in the channel text ({@code .../conda-forge/linux-64}), if any. */
    public Optional<Platform> platformHint() {
        return Optional.ofNullable(platformHint);
    }

    /**
     * The URL to request for {@code url} (a URL under this channel, such as a record's): with the channel's
     * {@code /t/<token>} put back when it has one. Other URLs are returned unchanged.
     */
    public String authenticatedUrl(String url) {
        if (token == null || !url.startsWith(this.url)) {
            return url;
        }
        int hostEnd = url.indexOf('/', url.indexOf("://") + 3);
        if (hostEnd < 0) {
            hostEnd = url.length();
        }
        return url.substring(0, hostEnd) + "/t/" + token + url.substring(hostEnd);
    }

    /** The {@code Authorization} header value for channels given as {@code https://user:password@host/...}. */
    public Optional<String> authorizationHeader() {
        if (userInfo == null) {
            return Optional.empty();
        }
        String decoded = URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));
    }

    /** True when the channel URL carried a token or a user and password. */
    public boolean hasCredentials() {
        return token != null || userInfo != null;
    }

    /** True for {@code file://} channels. */
    public boolean isLocal() {
        return url.startsWith("file:");
    }

    /** The local directory of a {@code file://} channel. */
    public Optional<Path> localPath() {
        return isLocal() ? Optional.of(Path.of(URI.create(url))) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Channel c && url.equals(c.url));
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
