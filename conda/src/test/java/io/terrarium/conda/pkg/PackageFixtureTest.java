package io.terrarium.conda.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test fixture builder itself: what other engineers' tests rely on. */
class PackageFixtureTest {
    @TempDir
    Path tmp;

    private static String run(Path exe, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(exe.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void placeholdersHaveTheirConventionalLengths() {
        assertEquals(255, PackageFixture.LONG_PLACEHOLDER.length());
        assertTrue(PackageFixture.LONG_PLACEHOLDER.contains("_h_env_placehold_placehold"));
        assertEquals(32, PackageFixture.LEGACY_PLACEHOLDER.length());
    }

    @Test
    void thePrefixScriptPrintsItsPlaceholder() throws Exception {
        Path dir = PackageFixture.of("hello", "1.0")
                .placeholder(PackageFixture.LEGACY_PLACEHOLDER)
                .prefixScript("bin/hello")
                .buildDir(tmp.resolve("hello"));
        assertEquals(PackageFixture.LEGACY_PLACEHOLDER + "\n", run(dir.resolve("bin/hello")));
        PathEntry e = PathsJson.read(dir).byPath().get("bin/hello");
        assertEquals(PackageFixture.LEGACY_PLACEHOLDER, e.prefixPlaceholder());
        assertEquals(FileMode.TEXT, e.fileMode());
    }

    @Test
    void theBinaryFileEmbedsThePlaceholderInNulTerminatedStrings() throws Exception {
        Path dir = PackageFixture.of("lib", "1.0")
                .binaryWithPrefix("lib/liblib.so")
                .buildDir(tmp.resolve("lib"));
        byte[] b = Files.readAllBytes(dir.resolve("lib/liblib.so"));
        String s = new String(b, StandardCharsets.ISO_8859_1);
        assertTrue(s.contains(PackageFixture.LONG_PLACEHOLDER + "/lib\0"));
        assertTrue(
                s.contains(PackageFixture.LONG_PLACEHOLDER + "/share:" + PackageFixture.LONG_PLACEHOLDER + "/etc\0"));
        assertEquals(
                FileMode.BINARY,
                PathsJson.read(dir).byPath().get("lib/liblib.so").fileMode());
    }

    @Test
    void noarchPythonPackagesCarryLinkJsonAndEntryPoints() throws Exception {
        FixtureChannel ch = FixtureChannel.at(tmp.resolve("ch"))
                .add(PackageFixture.python("3.11.4"))
                .add(PackageFixture.of("greet", "0.1", "pyh_0")
                        .noarchPython()
                        .sitePackagesFile("greet/__init__.py", "def main():\n    print('hi')\n")
                        .pythonScript("greet-script", "#!/usr/bin/env python\nprint('script')\n")
                        .entryPoint("greet = greet:main")
                        .postLink("echo \"$PKG_NAME $PKG_VERSION\" >> \"$PREFIX/.messages.txt\"\n"))
                .index();
        Path greet = new PackageCache(tmp.resolve("pkgs")).extract(ch.archive("noarch", "greet-0.1-pyh_0.conda"));
        PackageInfo info = PackageInfo.read(greet);
        assertEquals("python", info.noarch());
        assertEquals("python", info.index().noarch());
        assertEquals(List.of("python"), info.index().depends());
        assertEquals("greet = greet:main", info.link().entryPoints().get(0).toString());
        Map<String, PathEntry> paths = info.paths().byPath();
        assertTrue(paths.containsKey("site-packages/greet/__init__.py"));
        assertTrue(paths.containsKey("python-scripts/greet-script"));
        assertTrue(Files.isExecutable(greet.resolve("bin/.greet-post-link.sh")));

        Path py = new PackageCache(tmp.resolve("pkgs")).extract(ch.archive("linux-64", "python-3.11.4-0.conda"));
        assertEquals("ok\n", run(py.resolve("bin/python3"), "-c", "print('ok')"));
        assertTrue(Files.isDirectory(py.resolve("lib/python3.11/site-packages")));
        assertEquals(
                PathType.SOFTLINK,
                PackageInfo.read(py).paths().byPath().get("bin/python").pathType());
    }
}
