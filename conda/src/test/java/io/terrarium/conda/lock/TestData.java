package io.terrarium.conda.lock;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared conda test data through the {@code terrarium.testdata} system property that surefire sets. */
final class TestData {
    private TestData() {}

    static Path path(String relative) {
        String root = System.getProperty("terrarium.testdata");
        if (root == null) {
            throw new IllegalStateException("system property terrarium.testdata is not set (run with Maven)");
        }
        Path p = Path.of(root).resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("test data missing: " + p);
        }
        return p;
    }
}
