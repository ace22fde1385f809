package io.terrarium.conda;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Gives a built prefix the mode and owner conda-store's {@code default_permissions}, {@code default_uid} and
 * {@code default_gid} ask for: {@code chmod -R} when the prefix's own mode differs, then {@code chown -R}, and only
 * for a finished prefix (one with {@code conda-meta/history}).
 *
 * <p>Symbolic links are neither followed nor given the mode (a link has none on Linux); they are given the owner
 * themselves, so a link pointing out of the prefix never changes what it points at.
 *
 * @param permissions octal mode as conda-store writes it ({@code "775"}, {@code "0750"}), or null to leave modes
 * @param uid         the owner, or null to keep each entry's
 * @param gid         the group, or null to keep each entry's
 */
public record PrefixOwnership(String permissions, Long uid, Long gid) {

    public PrefixOwnership {
        if (permissions != null) {
            mode(permissions);
        }
    }

    /** What {@link #apply} did. */
    public record Outcome(boolean applied, boolean modeChanged, boolean ownerChanged, long entries) {}

    /**
     * Applies the mode and owner to {@code prefix} and everything under it.
     *
     * @throws IOException naming the entry and the missing right when the process may not change it (changing the
     *                     owner to another user needs root, or CAP_CHOWN)
     */
    public Outcome apply(Path prefix) throws IOException {
        if (!Files.isRegularFile(prefix.resolve("conda-meta").resolve("history"))) {
            return new Outcome(false, false, false, 0);
        }
        Set<PosixFilePermission> wanted = permissions == null ? null : mode(permissions);
        boolean chmod = wanted != null
                && !Files.getPosixFilePermissions(prefix, LinkOption.NOFOLLOW_LINKS)
                        .equals(wanted);
        boolean chown = uid != null || gid != null;
        if (!chmod && !chown) {
            return new Outcome(true, false, false, 0);
        }
        long[] entries = {0};
        Files.walkFileTree(prefix, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                change(dir, false);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                change(file, attrs.isSymbolicLink());
                return FileVisitResult.CONTINUE;
            }

            private void change(Path p, boolean link) throws IOException {
                entries[0]++;
                try {
                    if (chmod && !link) {
                        Files.setPosixFilePermissions(p, wanted);
                    }
                    if (uid != null) {
                        Files.setAttribute(p, "unix:uid", uid.intValue(), LinkOption.NOFOLLOW_LINKS);
                    }
                    if (gid != null) {
                        Files.setAttribute(p, "unix:gid", gid.intValue(), LinkOption.NOFOLLOW_LINKS);
                    }
                } catch (FileSystemException e) {
                    throw new IOException(
                            "cannot apply default_permissions/default_uid/default_gid (" + describe() + ") to " + p
                                    + ": "
                                    + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason())
                                    + (chown ? "; changing the owner needs root (or CAP_CHOWN)" : ""),
                            e);
                }
            }
        });
        return new Outcome(true, chmod, chown, entries[0]);
    }

    /** "mode 775, owner 1000:1000" as the log and errors say it. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (permissions != null) {
            sb.append("mode ").append(permissions);
        }
        if (uid != null || gid != null) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append("owner ")
                    .append(uid == null ? "-" : uid.toString())
                    .append(':')
                    .append(gid == null ? "-" : gid.toString());
        }
        return sb.length() == 0 ? "nothing" : sb.toString();
    }

    /**
     * Parses an octal mode of three digits with an optional leading 0 ({@code 775}, {@code 0750}).
     *
     * @throws IllegalArgumentException for anything else (setuid and sticky bits included: chmod -R of those over a
     *                                  whole prefix is never what is meant)
     */
    static Set<PosixFilePermission> mode(String text) {
        String t = text.trim();
        if (t.length() == 4 && t.charAt(0) == '0') {
            t = t.substring(1);
        }
        if (!t.matches("[0-7]{3}")) {
            throw new IllegalArgumentException(
                    "default_permissions must be an octal mode such as 775 or 0750, got '" + text + "'");
        }
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        int bits = Integer.parseInt(t, 8);
        for (int i = 0; i < 9; i++) {
            if ((bits & (1 << (8 - i))) != 0) {
                out.add(all[i]);
            }
        }
        return out;
    }
}
