package io.terrarium.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What an environment prefix holds, comparable across builds: every file's SHA-256 (the prefix path itself
 * replaced by {@code <PREFIX>}, so two prefixes of the same spec compare equal), every symlink's target, and the
 * {@code conda-meta/*.json} records among them. {@code conda-meta/history} is left out: it records times.
 */
final class PrefixSnapshot {

    private PrefixSnapshot() {}

    static Map<String, String> of(Path prefix) throws IOException {
        Path root = prefix.toRealPath();
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty() || rel.equals("conda-meta/history")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                    out.put(
                            rel,
                            sha256(text.replace(root.toString(), "<PREFIX>").replace(prefix.toString(), "<PREFIX>")));
                }
            }
        }
        return out;
    }

    private static String sha256(String latin1) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(latin1.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
