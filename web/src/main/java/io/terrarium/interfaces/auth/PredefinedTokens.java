package io.terrarium.interfaces.auth;

import io.terrarium.application.security.Caller;
import io.terrarium.application.security.RoleBindings;
import io.terrarium.conda.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * conda-store's {@code predefined_tokens}: service tokens for portals and CI, read from a JSON file that maps a
 * literal token to {@code {"name", "primary_namespace", "role_bindings", "exp"}} and read again when it changes.
 * Tokens are compared in constant time, by their SHA-256 digests, against every entry.
 */
public final class PredefinedTokens {

    private record Entry(byte[] digest, Caller caller) {}

    private record Loaded(FileTime modified, long size, List<Entry> entries) {}

    private final Path file;
    private final Clock clock;
    private volatile Loaded loaded;

    /**
     * @throws IllegalArgumentException naming the file and the entry when it cannot be read
     */
    public PredefinedTokens(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.loaded = load();
    }

    /** @return the caller of {@code token}, or empty when it is none of the file's tokens or its exp has passed */
    public Optional<Caller> lookup(String token) {
        byte[] presented = sha256(token);
        Caller found = null;
        for (Entry entry : current().entries()) {
            // every entry is compared, so the time taken does not tell which one matched
            if (MessageDigest.isEqual(entry.digest(), presented)) {
                found = entry.caller();
            }
        }
        if (found == null || (found.expiration() != null && !found.expiration().isAfter(clock.instant()))) {
            return Optional.empty();
        }
        return Optional.of(found);
    }

    private Loaded current() {
        Loaded l = loaded;
        try {
            if (!Files.getLastModifiedTime(file).equals(l.modified()) || Files.size(file) != l.size()) {
                l = load();
                loaded = l;
            }
        } catch (IOException | IllegalArgumentException e) {
            // a file being rewritten or broken for a moment: keep the tokens read last
        }
        return l;
    }

    private Loaded load() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            return new Loaded(modified, size, parse(Json.readObject(file)));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    AuthSettings.PREDEFINED_TOKENS_FILE + ": cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    AuthSettings.PREDEFINED_TOKENS_FILE + ": " + file + ": " + e.getMessage(), e);
        }
    }

    static List<Entry> parse(Map<String, Object> json) {
        List<Entry> entries = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, Object> e : json.entrySet()) {
            index++;
            String where = "entry " + index;
            if (e.getKey().length() < 8) {
                throw new IllegalArgumentException(where + ": a token must have at least 8 characters");
            }
            Map<String, Object> entity = Json.asObject(e.getValue());
            String name = Json.string(entity, "name");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(where + ": \"name\" is missing");
            }
            String primary = Json.string(entity, "primary_namespace");
            RoleBindings bindings;
            try {
                bindings = SessionTokens.bindings(Json.asObject(entity.getOrDefault("role_bindings", Map.of())));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(where + " (" + name + "): " + bad.getMessage(), bad);
            }
            Instant exp = expiration(entity.get("exp"), where);
            Caller caller = new Caller(true, name, primary != null ? primary : name, bindings, exp);
            entries.add(new Entry(sha256(e.getKey()), caller));
        }
        return entries;
    }

    private static Instant expiration(Object exp, String where) {
        if (exp == null) {
            return null;
        }
        if (exp instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        try {
            return OffsetDateTime.parse(exp.toString()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(exp.toString());
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException(where + ": \"exp\" must be epoch seconds or an ISO-8601 date-time"
                        + " with an offset, got '" + exp + "'");
            }
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
