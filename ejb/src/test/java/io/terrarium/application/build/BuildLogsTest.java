package io.terrarium.application.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildLogsTest {

    @TempDir
    Path dir;

    @Test
    void channelCredentialsNeverReachTheLog() throws Exception {
        String formatted = BuildLogs.format(
                "solve", 1, "solving [x] on [https://alice:s3cret@repo.example/c, https://h/t/tk-9/private]");
        assertFalse(formatted.contains("s3cret") || formatted.contains("tk-9"), formatted);
        assertTrue(formatted.contains("https://alice:****@repo.example/c"), formatted);
        assertTrue(formatted.contains("https://h/t/<TOKEN>/private"), formatted);

        Path log = dir.resolve("build.log");
        new BuildLogs().append(7, id -> log, "fetching https://bob:hunter2@repo.example/c/noarch/repodata.json");
        String text = Files.readString(log);
        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("https://bob:****@repo.example/c"), text);
    }
}
