package io.terrarium.conda.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void parsesKnownSubdirsToTheirConstants() {
        assertSame(Platform.LINUX_64, Platform.parse("linux-64"));
        assertSame(Platform.OSX_ARM64, Platform.parse(" OSX-ARM64 "));
        assertSame(Platform.NOARCH, Platform.parse("noarch"));
        assertEquals("linux-aarch64", Platform.LINUX_AARCH64.toString());
        for (Platform p : Platform.known()) {
            assertSame(p, Platform.parse(p.subdir()));
        }
    }

    @Test
    void acceptsNewWellFormedSubdirsAndRejectsJunk() {
        Platform p = Platform.parse("linux-loong64");
        assertEquals("linux", p.os());
        assertEquals("loong64", p.arch());
        assertTrue(p.isLinux());
        assertSame(p, Platform.parse("linux-loong64"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux 64"));
        assertTrue(e.getMessage().contains("'linux 64'"));
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("amd64"));
    }

    @Test
    void predicates() {
        assertTrue(Platform.LINUX_PPC64LE.isLinux() && Platform.LINUX_PPC64LE.isUnix());
        assertTrue(Platform.OSX_64.isOsx() && Platform.OSX_64.isUnix());
        assertTrue(Platform.WIN_64.isWindows());
        assertFalse(Platform.WIN_64.isUnix());
        assertTrue(Platform.NOARCH.isNoarch());
        assertFalse(Platform.NOARCH.isUnix() || Platform.NOARCH.isLinux() || Platform.NOARCH.isWindows());
        assertNull(Platform.NOARCH.os());
        assertEquals("x86_64", Platform.LINUX_64.archspecName());
        assertEquals("arm64", Platform.OSX_ARM64.archspecName());
        assertEquals("aarch64", Platform.LINUX_AARCH64.archspecName());
        assertEquals("ppc64le", Platform.LINUX_PPC64LE.archspecName());
        assertNull(Platform.NOARCH.archspecName());
    }

    @Test
    void mapsTheRunningSystem() {
        assertSame(Platform.LINUX_64, Platform.fromSystem("Linux", "amd64"));
        assertSame(Platform.LINUX_AARCH64, Platform.fromSystem("Linux", "aarch64"));
        assertSame(Platform.OSX_ARM64, Platform.fromSystem("Mac OS X", "aarch64"));
        assertSame(Platform.OSX_64, Platform.fromSystem("Mac OS X", "x86_64"));
        assertSame(Platform.WIN_64, Platform.fromSystem("Windows 11", "amd64"));
        assertThrows(IllegalStateException.class, () -> Platform.fromSystem("Plan9", "mips"));
        assertEquals(
                Platform.fromSystem(System.getProperty("os.name"), System.getProperty("os.arch")), Platform.current());
    }
}
