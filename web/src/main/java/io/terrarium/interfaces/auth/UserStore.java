package io.terrarium.interfaces.auth;

import io.terrarium.application.security.RoleBindings;
import io.terrarium.conda.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The built-in users of a store, kept in {@code <store>/auth/users.json} (mode 0600): name, PBKDF2 password hash,
 * primary namespace and role bindings. Changes take a file lock and replace the file atomically, so the
 * {@code terrarium user} command and every server process of the store can share it; readers see changes at once.
 */
public final class UserStore {

    /** The characters of a namespace name, without the ARN wildcard. */
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9\\-+_@$&?^~.=]{1,128}$");

    /** One user as stored. */
    public record User(String name, String passwordHash, String primaryNamespace, RoleBindings roleBindings) {}

    private record Snapshot(FileTime modified, long size, Map<String, User> users) {}

    private final Path file;
    private volatile Snapshot snapshot;

    public UserStore(Path file) {
        this.file = file;
    }

    public static UserStore of(Path storeDir) {
        return new UserStore(storeDir.resolve("auth").resolve("users.json"));
    }

    public Path file() {
        return file;
    }

    /**
     * @throws IllegalArgumentException when {@code name} is not a valid namespace name
     */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid user name '" + name + "': use 1 to 128 letters, digits or"
                    + " -+_@$&?^~.= (the user's own namespace has the same name)");
        }
    }

    public Optional<User> find(String name) {
        return Optional.ofNullable(users().get(name));
    }

    /** @return every user by name */
    public Map<String, User> users() {
        try {
            FileTime modified;
            long size;
            try {
                modified = Files.getLastModifiedTime(file);
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                return Map.of();
            }
            Snapshot s = snapshot;
            if (s == null || !s.modified().equals(modified) || s.size() != size) {
                s = new Snapshot(modified, size, read());
                snapshot = s;
            }
            return s.users();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + file, e);
        }
    }

    /** Adds the user, or replaces its password and bindings when it exists. */
    public void put(User user) {
        checkName(user.name());
        change(users -> users.put(user.name(), user));
    }

    /** Adds the user only when the store has no user at all; @return true when it was added. */
    public boolean putIfEmpty(User user) {
        checkName(user.name());
        boolean[] added = {false};
        change(users -> {
            if (users.isEmpty()) {
                users.put(user.name(), user);
                added[0] = true;
            }
        });
        return added[0];
    }

    /** @return true when the user existed */
    public boolean remove(String name) {
        boolean[] removed = {false};
        change(users -> removed[0] = users.remove(name) != null);
        return removed[0];
    }

    private void change(java.util.function.Consumer<Map<String, User>> edit) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path lock = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = channel.lock()) {
                Map<String, User> users = Files.exists(file) ? read() : new TreeMap<>();
                edit.accept(users);
                PrivateFiles.replace(file, Json.writePretty(toJson(users)) + "\n");
                snapshot = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the users file " + file, e);
        }
    }

    private Map<String, User> read() throws IOException {
        Map<String, Object> json = Json.readObject(file);
        Map<String, User> users = new TreeMap<>();
        Json.asObject(json.getOrDefault("users", Map.of())).forEach((name, value) -> {
            Map<String, Object> u = Json.asObject(value);
            String primary = Json.string(u, "primary_namespace");
            users.put(
                    name,
                    new User(
                            name,
                            Json.string(u, "password"),
                            primary != null ? primary : name,
                            SessionTokens.bindings(Json.asObject(u.getOrDefault("role_bindings", Map.of())))));
        });
        return users;
    }

    private static Map<String, Object> toJson(Map<String, User> users) {
        Map<String, Object> byName = new LinkedHashMap<>();
        new TreeMap<>(users).forEach((name, u) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("password", u.passwordHash());
            entry.put("primary_namespace", u.primaryNamespace());
            entry.put("role_bindings", u.roleBindings().toWire());
            byName.put(name, entry);
        });
        return Map.of("users", byName);
    }
}
