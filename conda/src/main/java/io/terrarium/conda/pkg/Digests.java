package io.terrarium.conda.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 and SHA-256 of a package archive, computed together in one pass (conda's repodata carries both). */
final class Digests {
    private static final int BUFFER = 64 * 1024;

    private final MessageDigest md5;
    private final MessageDigest sha256;

    Digests() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha256 = Sha256.newDigest();
    }

    void update(byte[] b, int n) {
        md5.update(b, 0, n);
        sha256.update(b, 0, n);
    }

    String md5() {
        return HexFormat.of().formatHex(md5.digest());
    }

    String sha256() {
        return Sha256.hex(sha256);
    }

    /** {md5, sha256} of a file. */
    static String[] of(Path file) throws IOException {
        Digests d = new Digests();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, n);
            }
        }
        return new String[] {d.md5(), d.sha256()};
    }
}
