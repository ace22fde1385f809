package io.terrarium.interfaces.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.application.security.Role;
import io.terrarium.application.security.RoleBindings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in user store, its password hashes, and the {@code terrarium user} command that writes it. */
class UserStoreTest {

    @TempDir
    Path store;

    @Test
    void hashesUseJakartaSecuritysPbkdf2FormatAndVerifyInConstantTime() {
        String hash = PasswordHashes.hash("correct horse".toCharArray());
        String[] parts = hash.split(":");
        assertEquals(4, parts.length);
        assertEquals("PBKDF2WithHmacSHA256", parts[0]);
        assertEquals("210000", parts[1]);
        assertTrue(PasswordHashes.verify("correct horse".toCharArray(), hash));
        assertFalse(PasswordHashes.verify("correct horsE".toCharArray(), hash));
        assertFalse(PasswordHashes.verify("x".toCharArray(), "garbage"));
        assertFalse(PasswordHashes.verify("x".toCharArray(), null));
    }

    @Test
    void usersAreKeptInA0600FileThatEveryReaderSeesChange() throws Exception {
        UserStore users = UserStore.of(store);
        UserStore reader = UserStore.of(store);
        assertTrue(users.users().isEmpty());
        users.put(new UserStore.User(
                "alice", PasswordHashes.hash("pw".toCharArray()), "alice", RoleBindings.of("team/*", Role.ADMIN)));
        assertEquals(
                RoleBindings.of("team/*", Role.ADMIN),
                reader.find("alice").orElseThrow().roleBindings());
        assertEquals(
                PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(store.resolve("auth/users.json")));
        assertFalse(users.putIfEmpty(new UserStore.User("admin", "x", "admin", RoleBindings.NONE)));
        assertTrue(users.remove("alice"));
        assertFalse(users.remove("alice"));
        assertTrue(reader.find("alice").isEmpty());
        assertTrue(users.putIfEmpty(new UserStore.User("admin", "x", "admin", RoleBindings.NONE)));
        assertThrows(
                IllegalArgumentException.class,
                () -> users.put(new UserStore.User("a b", "x", "a", RoleBindings.NONE)));
        assertThrows(
                IllegalArgumentException.class, () -> users.put(new UserStore.User("a*", "x", "a", RoleBindings.NONE)));
    }

    private String run(String password, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UserCommand(
                        store,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        () -> password == null ? null : password.toCharArray())
                .run(List.of(args));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theUserCommandAddsListsAndRemovesUsers() throws Exception {
        assertTrue(run(
                        "s3cret-pass",
                        "add",
                        "bob",
                        "--role",
                        "developer",
                        "--role",
                        "team/*=admin",
                        "--role",
                        "team/*=viewer")
                .startsWith("added user bob"));
        UserStore.User bob = UserStore.of(store).find("bob").orElseThrow();
        assertEquals("bob", bob.primaryNamespace());
        assertTrue(PasswordHashes.verify("s3cret-pass".toCharArray(), bob.passwordHash()));
        assertEquals(
                RoleBindings.of("*/*", Role.DEVELOPER).overriddenBy(RoleBindings.of("team/*", Role.ADMIN, Role.VIEWER)),
                bob.roleBindings());
        assertTrue(
                run("another-pass", "add", "bob", "--primary-namespace", "bobs").startsWith("updated user bob"));
        assertEquals("bobs", UserStore.of(store).find("bob").orElseThrow().primaryNamespace());
        assertTrue(run(null, "list").startsWith("bob\tprimary namespace bobs"));
        assertTrue(run(null, "remove", "bob").startsWith("removed user bob"));
        assertTrue(run(null, "list").startsWith("no users"));
    }

    @Test
    void theUserCommandRefusesBadInputWithAReason() {
        assertEquals(
                "the password must have at least 8 characters",
                assertThrows(IllegalArgumentException.class, () -> run("short", "add", "bob"))
                        .getMessage());
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> run("long-enough", "add", "bob", "--role", "boss"))
                        .getMessage()
                        .contains("invalid role 'boss'"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> run("long-enough", "add", "bob", "--role", "a b=admin"))
                .getMessage()
                .contains("is not an ARN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(null, "remove", "nobody"))
                .getMessage()
                .contains("no user 'nobody'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(null, "frobnicate"))
                .getMessage()
                .contains("unknown command"));
        assertTrue(UserStore.of(store).users().isEmpty());
    }

    @Test
    void changingTheFirstAdministratorsPasswordDeletesTheGeneratedOne() throws Exception {
        Path initial = store.resolve("auth").resolve(AuthStartup.INITIAL_PASSWORD_FILE);
        Files.createDirectories(initial.getParent());
        Files.writeString(initial, "generated\n");
        run("a-new-password", "add", "admin", "--role", "admin");
        assertFalse(Files.exists(initial));
    }

    @Test
    void theSigningSecretIsMadeOnceAsA0600FileAndAShortConfiguredOneIsRefused() throws Exception {
        Path file = store.resolve("auth/session-secret");
        byte[] first = SigningSecret.resolve(java.util.Optional.empty(), file);
        assertEquals(48, first.length);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals(List.of(first.length), List.of(SigningSecret.resolve(java.util.Optional.empty(), file).length));
        assertTrue(java.util.Arrays.equals(first, SigningSecret.resolve(java.util.Optional.empty(), file)));
        assertThrows(IllegalStateException.class, () -> SigningSecret.resolve(java.util.Optional.of("short"), file));
    }
}
