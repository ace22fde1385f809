package io.terrarium.conda.pip.index;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which indexes to read, as pip's options name them: one {@code --index-url}, any {@code --extra-index-url}s and
 * the {@code --trusted-host}s that may be reached over plain HTTP or with an unverified certificate.
 *
 * @param indexUrl       the primary index ({@code https://pypi.org/simple} by default)
 * @param extraIndexUrls further indexes whose files are merged in, in order
 * @param trustedHosts   host or {@code host:port} entries
 * @param cacheDir       where index pages and metadata are cached between runs, or null for no disk cache
 */
public record IndexConfig(String indexUrl, List<String> extraIndexUrls, Set<String> trustedHosts, Path cacheDir) {
    public static final String PYPI = "https://pypi.org/simple";

    public IndexConfig {
        Objects.requireNonNull(indexUrl, "indexUrl");
        extraIndexUrls = List.copyOf(extraIndexUrls);
        trustedHosts = Set.copyOf(trustedHosts);
    }

    /** PyPI only. */
    public static IndexConfig pypi(Path cacheDir) {
        return new IndexConfig(PYPI, List.of(), Set.of(), cacheDir);
    }

    /** The same indexes with another cache directory. */
    public IndexConfig withCacheDir(Path dir) {
        return new IndexConfig(indexUrl, extraIndexUrls, trustedHosts, dir);
    }

    /** Every index in the order pip reads them: the index URL, then the extra ones. */
    public List<String> allIndexUrls() {
        List<String> all = new ArrayList<>();
        all.add(indexUrl);
        all.addAll(extraIndexUrls);
        return all;
    }

    /**
     * Whether a URL may be fetched: HTTPS always; plain HTTP only from loopback (pip's secure origins) or a trusted
     * host.
     */
    public boolean isSecureOrTrusted(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("file")) {
            return true;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost")
                || host.startsWith("127.")
                || host.equals("[::1]")
                || host.equals("::1")
                || isTrusted(uri);
    }

    /** Whether the URL's host (or host:port) was named with {@code --trusted-host}. */
    public boolean isTrusted(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        Set<String> lower = new TreeSet<>();
        trustedHosts.forEach(h -> lower.add(h.toLowerCase(Locale.ROOT)));
        return lower.contains(host) || (uri.getPort() >= 0 && lower.contains(host + ":" + uri.getPort()));
    }
}
