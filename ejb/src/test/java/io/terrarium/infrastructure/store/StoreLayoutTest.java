package io.terrarium.infrastructure.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLayoutTest {

    private static final String SHA = "c7afdeff".repeat(8);
    private static final LocalDateTime SCHEDULED = LocalDateTime.of(2023, 11, 5, 3, 54, 10, 510_258_000);

    private static BuildCoordinates build(int version, String name) {
        return new BuildCoordinates(12345678, version, SHA, SCHEDULED, name, "default");
    }

    @Test
    void buildKeysFollowCondaStoreForAllThreeVersions() {
        assertEquals(SHA + "-20231105-035410-510258-12345678-envname", BuildKey.of(build(1, "envname")));
        assertEquals("c7afdeff-1699156450-12345678-envname", BuildKey.of(build(2, "envname")));
        // expected from Python: sha256("default" + sha + "1699156450" + "12345678")[:32]
        assertEquals("2026d4825b43cb624c57f33b6c061065", BuildKey.of(build(3, "envname")));
    }

    @Test
    void parsesTheIdBackOutOfV1AndV2Keys() {
        assertEquals(12345678, BuildKey.parseBuildId(BuildKey.of(build(1, "a-b"))));
        assertEquals(12345678, BuildKey.parseBuildId(BuildKey.of(build(2, "a-b"))));
        assertEquals(-1, BuildKey.parseBuildId(BuildKey.of(build(3, "a-b"))));
    }

    @Test
    void buildAndEnvironmentPathsUseTheTemplates() {
        StoreLayout layout = new StoreLayout(StoreSettings.defaults(Path.of("/srv/store")));
        assertEquals("/srv/store/default/c7afdeff-1699156450-12345678-envname", layout.buildPath(build(2, "envname")));
        assertEquals("/srv/store/default/envs/envname", layout.environmentPath(2, "default", "envname"));
        // v3: no namespace folder, no symlink
        assertEquals("/srv/store/2026d4825b43cb624c57f33b6c061065", layout.buildPath(build(3, "envname")));
        assertNull(layout.environmentPath(3, "default", "envname"));

        StoreLayout custom = new StoreLayout(new StoreSettings(
                Path.of("/srv/store"),
                "{store_directory}/builds/{namespace}",
                "{store_directory}/envs/{namespace}-{name}",
                false,
                false,
                null));
        assertEquals("/srv/store/builds/default/c7afdeff-1699156450-12345678-x", custom.buildPath(build(2, "x")));
        assertEquals("/srv/store/envs/default-x", custom.environmentPath(2, "default", "x"));
    }

    @Test
    void refusesBuildPathsOverTheLimitNamingTheLength() {
        StoreLayout layout = new StoreLayout(StoreSettings.defaults(Path.of("/srv/store")));
        String name = "n".repeat(220);
        BuildPathTooLongException e =
                assertThrows(BuildPathTooLongException.class, () -> layout.buildPath(build(2, name)));
        int expected = "/srv/store/default/c7afdeff-1699156450-12345678-".length() + 220;
        assertEquals(expected, e.length());
        assertTrue(e.getMessage().contains("<= 255"), e.getMessage());
        assertTrue(e.getMessage().contains(" is " + expected + " characters"), e.getMessage());
        // exactly at the limit is accepted
        String fits = "n".repeat(255 - "/srv/store/default/c7afdeff-1699156450-12345678-".length());
        assertEquals(255, layout.buildPath(build(2, fits)).length());
    }

    @Test
    void windowsPathsGetTheExtendedLengthPrefixWhenConfigured() {
        StoreLayout layout = new StoreLayout(new StoreSettings(
                Path.of("/store"),
                StoreSettings.DEFAULT_BUILD_DIRECTORY,
                StoreSettings.DEFAULT_ENVIRONMENT_DIRECTORY,
                true,
                true,
                null));
        assertEquals("\\\\?\\\\store\\default\\c7afdeff-1699156450-12345678-x", layout.buildPath(build(2, "x")));
        assertEquals("\\\\?\\\\store\\default\\envs\\x", layout.environmentPath(2, "default", "x"));
    }

    @Test
    void storageKeysStayInsideTheStorageDirectory(@TempDir Path store) {
        StoreLayout layout = new StoreLayout(StoreSettings.defaults(store));
        assertEquals(store.resolve(".storage/logs/k.log"), layout.storageFile(StoreLayout.logsKey("k")));
        assertEquals("lockfile/k.yml", StoreLayout.lockfileKey("k"));
        assertEquals("yaml/k.yml", StoreLayout.yamlKey("k"));
        assertEquals("archive/k.tar.gz", StoreLayout.archiveKey("k"));
        assertThrows(IllegalArgumentException.class, () -> layout.storageFile("../../etc/passwd"));
    }

    @Test
    void activationSwapsTheSymlinkAtomically(@TempDir Path store) throws Exception {
        StoreLayout layout = new StoreLayout(StoreSettings.defaults(store));
        Path first = Files.createDirectories(store.resolve("default/b1"));
        Path second = Files.createDirectories(store.resolve("default/b2"));
        Path link = Path.of(layout.environmentPath(2, "default", "demo"));

        layout.activate(link, first);
        assertEquals(first, Files.readSymbolicLink(link));
        layout.activate(link, second);
        assertEquals(second, Files.readSymbolicLink(link));
        try (var siblings = Files.list(link.getParent())) {
            assertEquals(1, siblings.count(), "no temporary links left behind");
        }
        layout.deactivate(link, first);
        assertTrue(Files.isSymbolicLink(link), "a link to another build is kept");
        layout.deactivate(link, second);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void emptyNamespaceDirectoriesAreRemovedButNotOnesInUse(@TempDir Path store) throws Exception {
        StoreLayout layout = new StoreLayout(StoreSettings.defaults(store));
        Files.createDirectories(store.resolve("gone/envs"));
        Files.createDirectories(store.resolve("busy/envs"));
        Files.createDirectories(store.resolve("busy/some-build"));
        layout.removeEmptyNamespaceDirectory("gone");
        layout.removeEmptyNamespaceDirectory("busy");
        assertFalse(Files.exists(store.resolve("gone")));
        assertTrue(Files.isDirectory(store.resolve("busy/some-build")));
        assertFalse(Files.exists(store.resolve("busy/envs")));
    }

    @Test
    void deletionIsConfinedToTheStore(@TempDir Path root) throws Exception {
        Path store = Files.createDirectories(root.resolve("store"));
        Path outside = Files.writeString(root.resolve("outside.txt"), "keep");
        StoreLayout layout = new StoreLayout(StoreSettings.defaults(store));
        Path prefix = Files.createDirectories(store.resolve("default/b1/bin"));
        Files.writeString(prefix.resolve("tool"), "x");
        Files.createSymbolicLink(prefix.resolve("escape"), outside);

        assertFalse(layout.deleteInsideStore(outside));
        assertTrue(layout.deleteInsideStore(store.resolve("default/b1")));
        assertFalse(Files.exists(store.resolve("default/b1")));
        assertEquals("keep", Files.readString(outside), "a symlink inside a prefix is removed, not followed");
    }
}
