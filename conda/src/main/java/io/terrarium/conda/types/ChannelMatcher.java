package io.terrarium.conda.types;

import java.util.List;

/**
 * Matches a spec's channel against a record's canonical channel URL: a URL must be equal (trailing slashes aside);
 * a name ({@code conda-forge}, {@code pkgs/main}) must equal the URL's last path segment(s); {@code defaults} stands
 * for Anaconda's default channels; a value with {@code *} is a glob on the name or the URL.
 */
final class ChannelMatcher {
    private static final List<String> DEFAULTS = List.of("pkgs/main", "pkgs/r", "pkgs/msys2", "pkgs/free", "pkgs/pro");

    private final String channel;
    private final boolean isUrl;
    private final GlobMatcher glob;

    ChannelMatcher(String channel) {
        this.channel = stripTrailingSlashes(channel);
        this.isUrl = channel.contains("://");
        this.glob = channel.indexOf('*') >= 0 ? new GlobMatcher(this.channel, false) : null;
    }

    static String stripTrailingSlashes(String s) {
        int end = s.length();
        while (end > 1 && s.charAt(end - 1) == '/') {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    boolean matches(String recordChannel) {
        if (recordChannel == null) {
            return false;
        }
        int end = recordChannel.length();
        while (end > 1 && recordChannel.charAt(end - 1) == '/') {
            end--;
        }
        if (glob != null) {
            return glob.matches(end == recordChannel.length() ? recordChannel : recordChannel.substring(0, end))
                    || glob.matches(recordChannel.substring(recordChannel.lastIndexOf('/', end - 1) + 1, end));
        }
        if (isUrl) {
            return end == channel.length() && recordChannel.regionMatches(0, channel, 0, end);
        }
        if (channel.equals("defaults")) {
            for (String d : DEFAULTS) {
                if (endsWithSegments(recordChannel, end, d)) {
                    return true;
                }
            }
            return false;
        }
        return endsWithSegments(recordChannel, end, channel);
    }

    /** True when recordChannel[0, end) is {@code name} or ends with {@code /name}. */
    private static boolean endsWithSegments(String recordChannel, int end, String name) {
        int n = name.length();
        if (end == n) {
            return recordChannel.regionMatches(0, name, 0, n);
        }
        return end > n && recordChannel.charAt(end - n - 1) == '/' && recordChannel.regionMatches(end - n, name, 0, n);
    }

    @Override
    public String toString() {
        return channel;
    }
}
