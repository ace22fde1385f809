package io.terrarium.conda.pip.wheel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Extracts a wheel into a directory after checking every member against its {@code RECORD} hash and size (a member
 * RECORD does not list, or lists with another hash or size, refuses the whole wheel) and refusing paths that would
 * leave the directory. The directory appears complete or not at all.
 */
public final class WheelUnpacker {
    private WheelUnpacker() {}

    /**
     * Unpacks {@code wheel} to {@code target} unless it is already there; returns the name of its
     * {@code .dist-info} directory.
     */
    public static String unpack(Path wheel, Path target) {
        WheelFilename name = WheelFilename.parse(wheel.getFileName().toString());
        if (Files.isDirectory(target)) {
            return distInfo(target, name);
        }
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = null;
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            String distInfo = findDistInfo(zip, name);
            ZipEntry recordEntry = zip.getEntry(distInfo + "/RECORD");
            if (recordEntry == null) {
                throw new InvalidWheelException("wheel " + name.filename() + " has no " + distInfo + "/RECORD");
            }
            Map<String, RecordFile.Row> record = new HashMap<>();
            for (RecordFile.Row r :
                    RecordFile.parse(zip.getInputStream(recordEntry).readAllBytes())) {
                record.put(r.path(), r);
            }
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, ".unpack-");
            for (var it = zip.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String path = e.getName();
                checkSafe(name, path);
                Path out = tmp.resolve(path);
                Files.createDirectories(out.getParent());
                boolean signature = path.equals(distInfo + "/RECORD")
                        || path.equals(distInfo + "/RECORD.jws")
                        || path.equals(distInfo + "/RECORD.p7s");
                RecordFile.Row row = record.get(path);
                if (!signature && (row == null || row.hash().isEmpty())) {
                    throw new InvalidWheelException("wheel " + name.filename() + " has " + path
                            + ", which its RECORD does not list with a hash");
                }
                MessageDigest md = signature ? null : digest(name, row.hash());
                long size = 0;
                try (InputStream in = zip.getInputStream(e);
                        OutputStream os = Files.newOutputStream(out)) {
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        if (md != null) {
                            md.update(buf, 0, n);
                        }
                        os.write(buf, 0, n);
                        size += n;
                    }
                }
                if (md != null) {
                    String expected = row.hash().substring(row.hash().indexOf('=') + 1);
                    String actual = Base64.getUrlEncoder().withoutPadding().encodeToString(md.digest());
                    if (!expected.replace("=", "").equals(actual)) {
                        throw new InvalidWheelException("hash mismatch in wheel " + name.filename() + ": " + path
                                + " has " + row.hash().substring(0, row.hash().indexOf('=')) + "=" + actual
                                + " but RECORD says " + row.hash());
                    }
                    if (!row.size().isEmpty() && !row.size().equals(Long.toString(size))) {
                        throw new InvalidWheelException("size mismatch in wheel " + name.filename() + ": " + path
                                + " has " + size + " bytes but RECORD says " + row.size());
                    }
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                tmp = null;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
            }
            return distInfo;
        } catch (IOException e) {
            throw new InvalidWheelException("cannot unpack " + wheel.getFileName() + ": " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
        }
    }

    private static MessageDigest digest(WheelFilename name, String hash) {
        String algo = hash.substring(0, Math.max(0, hash.indexOf('='))).toLowerCase(Locale.ROOT);
        String jca = switch (algo) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
        if (jca == null) {
            throw new InvalidWheelException("wheel " + name.filename() + " uses hash '" + algo
                    + "' in RECORD; only sha256, sha384 and sha512 are accepted");
        }
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkSafe(WheelFilename name, String path) {
        if (path.startsWith("/")
                || path.contains("\\")
                || path.matches("^[A-Za-z]:.*")
                || ("/" + path + "/").contains("/../")
                || path.contains("\0")) {
            throw new InvalidWheelException("wheel " + name.filename() + " has an unsafe path: " + path);
        }
    }

    /** The single top-level {@code <name>-<version>.dist-info} directory of the wheel. */
    private static String findDistInfo(ZipFile zip, WheelFilename name) {
        String found = null;
        for (var it = zip.entries(); it.hasMoreElements(); ) {
            String n = it.nextElement().getName();
            int slash = n.indexOf('/');
            if (slash > 0 && n.substring(0, slash).endsWith(".dist-info")) {
                String dir = n.substring(0, slash);
                if (found != null && !found.equals(dir)) {
                    throw new InvalidWheelException(
                            "wheel " + name.filename() + " has two .dist-info directories: " + found + " and " + dir);
                }
                found = dir;
            }
        }
        if (found == null) {
            throw new InvalidWheelException("wheel " + name.filename() + " has no .dist-info directory");
        }
        String stem = found.substring(0, found.length() - ".dist-info".length());
        int dash = stem.lastIndexOf('-');
        if (dash < 0
                || !io.terrarium.conda.pip.requirement.PackageName.normalize(stem.substring(0, dash))
                        .equals(name.name().normalized())) {
            throw new InvalidWheelException(
                    "wheel " + name.filename() + " contains " + found + ", which names another distribution");
        }
        return found;
    }

    private static String distInfo(Path unpacked, WheelFilename name) {
        try (Stream<Path> s = Files.list(unpacked)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".dist-info"))
                    .findFirst()
                    .orElseThrow(() -> new InvalidWheelException(
                            "unpacked wheel " + name.filename() + " at " + unpacked + " has no .dist-info"));
        } catch (IOException e) {
            throw new InvalidWheelException("cannot read " + unpacked + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a leftover temporary directory is harmless
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
