package io.terrarium.infrastructure.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;

/**
 * conda-store's build key, the name of a build's prefix directory and of its artifacts, in the three versions
 * conda-store defines (each build keeps the version it was created with).
 *
 * <ul>
 * <li>v1: {@code <sha256>-<YYYYmmdd-HHMMSS-ffffff>-<id>-<name>}</li>
 * <li>v2: {@code <first 8 hex of sha256>-<unix seconds>-<id>-<name>} (the default)</li>
 * <li>v3: first 32 hex of sha256(namespace + spec sha256 + unix seconds + id)</li>
 * </ul>
 * Timestamps are the build's {@code scheduled_on}, a naive UTC date-time.
 */
public final class BuildKey {

    public static final int DEFAULT_VERSION = 2;
    private static final DateTimeFormatter V1_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSSSSS");

    private BuildKey() {}

    /** @throws IllegalArgumentException for a version other than 1, 2 or 3 */
    public static void checkVersion(int version) {
        if (version < 1 || version > 3) {
            throw new IllegalArgumentException("build_key_version " + version + " is not supported; use 1, 2 or 3");
        }
    }

    public static String of(BuildCoordinates b) {
        Objects.requireNonNull(b, "build");
        return switch (b.keyVersion()) {
            case 1 -> b.specSha256() + "-" + V1_TIME.format(b.scheduledOn()) + "-" + b.buildId() + "-" + b.specName();
            case 2 ->
                b.specSha256().substring(0, 8) + "-" + unixSeconds(b.scheduledOn()) + "-" + b.buildId() + "-"
                        + b.specName();
            case 3 -> v3Hash(b.namespace(), b.specSha256(), b.scheduledOn(), b.buildId());
            default -> throw new IllegalArgumentException("build_key_version " + b.keyVersion() + " is not supported");
        };
    }

    /** The v3 key: the first 32 hex digits of sha256(namespace + spec sha256 + unix seconds + id). */
    public static String v3Hash(String namespace, String specSha256, LocalDateTime scheduledOn, long buildId) {
        String input = namespace + specSha256 + unixSeconds(scheduledOn) + buildId;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Python's {@code int(dt.replace(tzinfo=utc).timestamp())} for a naive UTC date-time. */
    static long unixSeconds(LocalDateTime utc) {
        return utc.toEpochSecond(ZoneOffset.UTC);
    }

    /**
     * Reads the build id out of a v1 or v2 key (v3 keys carry no id: look the build up by its stored hash).
     *
     * @return the id, or -1 for a v3 key or text that is not a build key
     */
    public static long parseBuildId(String key) {
        if (key == null || key.indexOf('-') < 0) {
            return -1;
        }
        String[] parts = key.split("-", -1);
        int idField = key.length() > 8 && key.charAt(8) == '-' ? 2 : 4;
        if (parts.length <= idField) {
            return -1;
        }
        try {
            return Long.parseLong(parts[idField]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
