package io.terrarium.conda.pip.install;

import io.terrarium.conda.install.PrefixData;
import io.terrarium.conda.install.PrefixRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The files conda packages own in a prefix (the {@code files} of every {@code conda-meta/*.json}), by path. */
final class CondaOwnedFiles {
    private final Map<String, String> owner = new HashMap<>();

    private CondaOwnedFiles() {}

    static CondaOwnedFiles of(Path prefix) {
        CondaOwnedFiles f = new CondaOwnedFiles();
        if (!java.nio.file.Files.isDirectory(prefix.resolve(PrefixData.CONDA_META))) {
            return f;
        }
        try {
            for (PrefixRecord r : PrefixData.load(prefix).records()) {
                String dist = r.fileName().replaceAll("\\.json$", "");
                for (String path : r.files()) {
                    f.owner.put(path, dist);
                }
            }
        } catch (IOException e) {
            throw new WheelInstallException("cannot read conda-meta of " + prefix + ": " + e.getMessage(), e);
        }
        return f;
    }

    /** The conda package (name-version-build) that owns a prefix-relative path, or null. */
    String ownerOf(String path) {
        return owner.get(path);
    }
}
