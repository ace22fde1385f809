package io.terrarium.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conda-store's default_permissions / default_uid / default_gid applied to a finished prefix. */
class PrefixOwnershipTest {
    @TempDir
    Path tmp;

    private Path prefix(boolean finished) throws IOException {
        Path prefix = tmp.resolve("prefix");
        Files.createDirectories(prefix.resolve("conda-meta"));
        Files.createDirectories(prefix.resolve("lib/python3.12"));
        Files.writeString(prefix.resolve("lib/python3.12/mod.py"), "x = 1\n");
        Files.writeString(prefix.resolve("bin-tool"), "#!/bin/sh\n");
        if (finished) {
            Files.writeString(prefix.resolve("conda-meta/history"), "==> 2026-01-01 00:00:00 <==\n");
        }
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "not the prefix's\n");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(prefix.resolve("link-out"), outside);
        for (Path p : List.of(prefix, prefix.resolve("conda-meta"), prefix.resolve("lib"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return prefix;
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static int gid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void modeAndOwnerReachEveryEntryButNothingALinkPointsAt() throws IOException {
        Path prefix = prefix(true);
        Path outside = tmp.resolve("outside.txt");
        int outsideUid = uid(outside);
        PrefixOwnership.Outcome outcome = new PrefixOwnership("750", 4321L, 8765L).apply(prefix);
        assertTrue(outcome.applied() && outcome.modeChanged() && outcome.ownerChanged(), outcome.toString());
        for (Path p : List.of(
                prefix,
                prefix.resolve("conda-meta"),
                prefix.resolve("conda-meta/history"),
                prefix.resolve("lib/python3.12/mod.py"),
                prefix.resolve("bin-tool"))) {
            assertEquals("rwxr-x---", mode(p), p.toString());
            assertEquals(4321, uid(p), p.toString());
            assertEquals(8765, gid(p), p.toString());
        }
        // the link itself gets the owner (lchown); its target outside the prefix is untouched
        assertEquals(4321, uid(prefix.resolve("link-out")));
        assertEquals("rw-------", mode(outside));
        assertEquals(outsideUid, uid(outside));
        assertEquals(8, outcome.entries());
    }

    @Test
    void theModeIsLeftWhenThePrefixAlreadyHasItAndNullOwnersAreKept() throws IOException {
        Path prefix = prefix(true);
        Files.setPosixFilePermissions(prefix.resolve("bin-tool"), PosixFilePermissions.fromString("rw-r--r--"));
        PrefixOwnership.Outcome same = new PrefixOwnership("0755", null, null).apply(prefix);
        // as conda-store: the prefix directory's own mode decides whether chmod -R runs
        assertFalse(same.modeChanged());
        assertEquals("rw-r--r--", mode(prefix.resolve("bin-tool")));
        int before = uid(prefix.resolve("bin-tool"));
        PrefixOwnership.Outcome groupOnly = new PrefixOwnership(null, null, 777L).apply(prefix);
        assertTrue(groupOnly.ownerChanged());
        assertEquals(before, uid(prefix.resolve("bin-tool")));
        assertEquals(777, gid(prefix.resolve("bin-tool")));
    }

    @Test
    void anUnfinishedPrefixIsLeftAlone() throws IOException {
        Path prefix = prefix(false);
        PrefixOwnership.Outcome outcome = new PrefixOwnership("700", 4321L, 4321L).apply(prefix);
        assertFalse(outcome.applied());
        assertEquals("rwxr-xr-x", mode(prefix));
        assertTrue(uid(prefix) != 4321);
    }

    @Test
    void aModeThatIsNotOctalIsRefusedByName() {
        for (String bad : List.of("rwxr-xr-x", "7777", "800", "")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new PrefixOwnership(bad, null, null));
            assertTrue(e.getMessage().contains("default_permissions"), e.getMessage());
        }
    }
}
