package io.terrarium.interfaces.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArtifactKindTest {

    @Test
    void theLogTheBuildJobsFilesAndConda_storesKeysAreServable() {
        assertEquals(Optional.of(ArtifactKind.LOGS), ArtifactKind.ofKey("logs/0a1b2c3d-1700000000-7-demo.log"));
        assertEquals(Optional.of(ArtifactKind.YAML), ArtifactKind.ofKey("yaml/k.yml"));
        assertEquals(Optional.of(ArtifactKind.LOCKFILE), ArtifactKind.ofKey("lockfile/k.yml"));
        assertEquals(Optional.of(ArtifactKind.ARCHIVE), ArtifactKind.ofKey("archive/k.tar.gz"));
        assertEquals(Optional.of(ArtifactKind.YAML), ArtifactKind.ofKey("artifacts/k/environment.yaml"));
        assertEquals(Optional.of(ArtifactKind.LOCKFILE), ArtifactKind.ofKey("artifacts/k/lockfile.yml"));
        assertEquals(Optional.of(ArtifactKind.ARCHIVE), ArtifactKind.ofKey("artifacts/k/environment.tar.gz"));
        assertEquals("k.tar.gz", ArtifactKind.downloadName("artifacts/k/environment.tar.gz"));
        assertEquals("k.tar.gz", ArtifactKind.downloadName("archive/k.tar.gz"));
        // conda-store's environment names may hold these characters, and with them the build key
        assertEquals(
                Optional.of(ArtifactKind.LOGS), ArtifactKind.ofKey("logs/0a1b2c3d-1-7-a+b_c@d$e&f?g^h~i.j=k..l.log"));
    }

    @Test
    void keysThatCouldLeaveTheStorageOrReachOtherFilesAreRefused() {
        for (String key : new String[] {
            null,
            "",
            "logs",
            "logs/",
            "/logs/k.log",
            "logs/../auth/session-secret",
            "logs/..",
            "../logs/k.log",
            "logs/./k.log",
            "logs//k.log",
            "logs\\..\\..\\auth\\session-secret",
            "logs/k.log\n",
            "logs/k\u0000.log",
            "C:/logs/k.log",
            "artifacts/k/file",
            "artifacts/k/environment.tar.gz.part",
            "artifacts/environment.yaml",
            "artifacts/k/x/lockfile.yml",
            "logs/k.txt",
            "logs/k/x.log",
            "auth/session-secret",
            "db/terrarium.mv.db",
            "logs/" + "x".repeat(ArtifactKind.MAX_KEY_LENGTH)
        }) {
            assertTrue(ArtifactKind.ofKey(key).isEmpty(), () -> "should be refused: " + key);
        }
    }
}
