package io.terrarium.conda.lock;

import io.terrarium.conda.types.Dist;
import io.terrarium.conda.types.PackageRecord;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identity of a conda package read off its archive URL ({@code <channel>/<subdir>/<name>-<version>-<build>.conda}):
 * what lockfiles and explicit files give when no repodata is at hand.
 *
 * <p>conda file names split at the last two dashes, because names may contain dashes but versions and build strings
 * may not.
 */
public record PackageUrl(
        String url, String channel, String subdir, String fn, String name, String version, String build) {
    private static final Pattern SUBDIR = Pattern.compile("noarch|[a-z0-9_]+-[a-z0-9_]+");

    /** Archive extensions conda knows, longest first. */
    private static final String[] EXTENSIONS = {".tar.bz2", ".conda"};

    /**
     * Parses an archive URL (or path).
     *
     * @throws LockfileFormatException when the last path segment is not a {@code name-version-build.tar.bz2|.conda}
     */
    public static PackageUrl parse(String url) {
        String path = stripQueryAndFragment(url);
        int slash = path.lastIndexOf('/');
        String fn = percentDecode(path.substring(slash + 1));
        String stem = stripExtension(fn);
        if (stem == null) {
            throw new LockfileFormatException(
                    "not a conda package URL (expected a file name ending in .conda or .tar.bz2): " + url);
        }
        Dist dist = Dist.parse(stem)
                .filter(d -> !d.version().isEmpty() && !d.build().isEmpty())
                .orElseThrow(() -> new LockfileFormatException(
                        "not a conda package file name (expected <name>-<version>-<build>): " + fn + " in " + url));

        String channel = null;
        String subdir = null;
        if (slash > 0) {
            String dir = path.substring(0, slash);
            int parentSlash = dir.lastIndexOf('/');
            String last = dir.substring(parentSlash + 1);
            if (parentSlash > 0 && SUBDIR.matcher(last).matches()) {
                subdir = last;
                channel = dir.substring(0, parentSlash);
            } else {
                channel = dir;
            }
        }
        return new PackageUrl(url, channel, subdir, fn, dist.name(), dist.version(), dist.build());
    }

    /** True when {@code text} ends like a conda archive (ignoring a {@code #hash} or query). */
    public static boolean looksLikePackage(String text) {
        return stripExtension(fileName(stripQueryAndFragment(text))) != null;
    }

    /** A record carrying what the URL tells: name, version, build, file name, URL, channel and subdir. */
    public PackageRecord.Builder toRecordBuilder() {
        return PackageRecord.builder(name, version)
                .build(build)
                .buildNumber(buildNumberGuess(build))
                .fn(fn)
                .url(url)
                .channel(channel)
                .subdir(subdir);
    }

    /**
     * conda build strings end in {@code _<build number>} by convention ({@code py39h6a678d5_0}); a digit-only build
     * string is the number itself. The package's {@code info/index.json} is the authority when it is at hand.
     */
    static long buildNumberGuess(String build) {
        int underscore = build.lastIndexOf('_');
        String tail = build.substring(underscore + 1);
        if (tail.isEmpty() || tail.length() > 9) {
            return 0;
        }
        for (int i = 0; i < tail.length(); i++) {
            if (!Character.isDigit(tail.charAt(i))) {
                return 0;
            }
        }
        return Long.parseLong(tail);
    }

    private static String stripExtension(String fn) {
        String lower = fn.toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) {
            if (lower.endsWith(ext) && fn.length() > ext.length()) {
                return fn.substring(0, fn.length() - ext.length());
            }
        }
        return null;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String stripQueryAndFragment(String url) {
        String s = url;
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        if (s.contains("://")) {
            int q = s.indexOf('?');
            if (q >= 0) {
                s = s.substring(0, q);
            }
        }
        return s;
    }

    /** Decodes {@code %XX} escapes (UTF-8); unlike URLDecoder it leaves {@code +} alone, as URL paths do. */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%'
                    && i + 2 < s.length()
                    && HEX.indexOf(Character.toLowerCase(s.charAt(i + 1))) >= 0
                    && HEX.indexOf(Character.toLowerCase(s.charAt(i + 2))) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final String HEX = "0123456789abcdef";
}
