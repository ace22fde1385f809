package io.terrarium.conda.pkg;

import java.nio.file.Path;

/**
 * Checks that package-relative paths (archive entries, {@code paths.json} entries, link targets) stay inside the
 * directory they are resolved against.
 */
public final class SafePaths {
    private SafePaths() {}

    /**
     * Returns {@code path} normalised ('/' separated, no empty or {@code .} components, no trailing '/'), or throws
     * {@link IllegalArgumentException} saying why it is unsafe: empty, absolute, a drive letter, a {@code ..}
     * component or a NUL character.
     */
    public static String checkRelative(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path contains a NUL character: " + printable(path));
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("absolute path: " + printable(path));
        }
        if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
            throw new IllegalArgumentException("absolute (drive letter) path: " + printable(path));
        }
        if (isClean(path)) {
            return path; // the common case (every path of a well-formed package): no copy, no split
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new IllegalArgumentException("path with a '..' component: " + printable(path));
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        if (out.length() == 0) {
            throw new IllegalArgumentException("path names the root itself: " + printable(path));
        }
        return out.toString();
    }

    /** True when every '/'-separated component is non-empty and neither "." nor "..": nothing to normalise. */
    private static boolean isClean(String path) {
        int start = 0;
        int n = path.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                int len = i - start;
                if (len == 0
                        || (path.charAt(start) == '.' && (len == 1 || (len == 2 && path.charAt(start + 1) == '.')))) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /**
     * Whether a symbolic link at {@code linkPath} (relative to {@code root}) with target {@code target} resolves
     * inside {@code root}, judged lexically (the link's own directory plus the target, normalised). Absolute targets
     * never do.
     */
    public static boolean linkStaysInside(String linkPath, String target) {
        if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
            return false;
        }
        int depth = 0;
        String[] linkParts = linkPath.split("/");
        for (int i = 0; i < linkParts.length - 1; i++) {
            if (!linkParts[i].isEmpty() && !linkParts[i].equals(".")) {
                depth++;
            }
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (--depth < 0) {
                    return false;
                }
            } else {
                depth++;
            }
        }
        return true;
    }

    /** Resolves a checked relative path against {@code root} and verifies the result is still under it. */
    public static Path resolveInside(Path root, String relative) {
        String clean = checkRelative(relative);
        Path p = root.resolve(clean).normalize();
        if (!p.startsWith(root.normalize())) {
            throw new IllegalArgumentException("path escapes its root: " + printable(relative));
        }
        return p;
    }

    /** The path with control characters escaped, for error messages. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        int n = Math.min(s.length(), 300);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > n) {
            b.append("...");
        }
        return b.append('\'').toString();
    }
}
