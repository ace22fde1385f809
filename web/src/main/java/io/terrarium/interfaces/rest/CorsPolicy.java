package io.terrarium.interfaces.rest;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which browser origins may call the API with credentials: the exact origins configured in
 * {@code terrarium.cors.allowed-origins}, plus those matching {@code terrarium.cors.allow-origin-regex} when, and
 * only when, that is configured. Nothing configured: no origin, so cross-origin pages cannot read answers.
 */
final class CorsPolicy {

    /** Comma-separated exact origins ({@code https://hub.example.org}, scheme, host and port as the browser sends). */
    static final String ALLOWED_ORIGINS = "terrarium.cors.allowed-origins";
    /** A regular expression an origin must match in full; unset by default. */
    static final String ALLOW_ORIGIN_REGEX = "terrarium.cors.allow-origin-regex";

    private final Set<String> origins;
    private final Pattern regex;

    CorsPolicy(Optional<String> allowedOrigins, Optional<String> allowOriginRegex) {
        this.origins = allowedOrigins.stream()
                .flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::trim)
                .map(CorsPolicy::withoutTrailingSlash)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.regex = allowOriginRegex
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Pattern::compile)
                .orElse(null);
    }

    /** @return true when some origin is allowed at all */
    boolean enabled() {
        return !origins.isEmpty() || regex != null;
    }

    /** @return true when a page of {@code origin} may read answers, credentials included */
    boolean allows(String origin) {
        if (origin == null || origin.isEmpty() || "null".equals(origin)) {
            return false; // "null" is what sandboxed frames and file: pages send; it names no one
        }
        return origins.contains(origin)
                || (regex != null && regex.matcher(origin).matches());
    }

    private static String withoutTrailingSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
