package io.terrarium.interfaces.auth;

/**
 * Where a login or logout may send the browser afterwards: only a path on this server ({@code /ui/...}), never
 * another site, so the {@code next} parameter cannot be used for an open redirect.
 */
public final class RedirectTargets {

    private RedirectTargets() {}

    /** @return {@code next} when it is a same-origin relative path, else {@code fallback} */
    public static String safe(String next, String fallback) {
        if (next == null || next.isEmpty() || next.length() > 2048) {
            return fallback;
        }
        if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            return fallback;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            // control characters could split the Location header; a backslash is read as a slash by browsers
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return fallback;
            }
        }
        return next;
    }
}
