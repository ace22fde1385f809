package io.terrarium.conda.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Compares two extracted trees: same paths, same kinds, same file bytes and owner-execute bits, same link targets. */
final class TreeDiff {
    private TreeDiff() {}

    /** Differences, one line each; empty when the trees are the same. */
    static List<String> sameTree(Path a, Path b) throws IOException {
        TreeMap<String, String> da = describe(a);
        TreeMap<String, String> db = describe(b);
        List<String> diffs = new ArrayList<>();
        for (String k : da.keySet()) {
            if (!db.containsKey(k)) {
                diffs.add("only in " + a + ": " + k);
            } else if (!da.get(k).equals(db.get(k))) {
                diffs.add(k + ": " + da.get(k) + " vs " + db.get(k));
            }
        }
        for (String k : db.keySet()) {
            if (!da.containsKey(k)) {
                diffs.add("only in " + b + ": " + k);
            }
        }
        return diffs;
    }

    static TreeMap<String, String> describe(Path root) throws IOException {
        TreeMap<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(rel, "link:" + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(rel, "dir");
                } else {
                    m.put(
                            rel,
                            "file:" + Sha256.of(p)
                                    + (Files.getPosixFilePermissions(p).contains(PosixFilePermission.OWNER_EXECUTE)
                                            ? ":x"
                                            : ""));
                }
            }
        }
        return m;
    }
}
