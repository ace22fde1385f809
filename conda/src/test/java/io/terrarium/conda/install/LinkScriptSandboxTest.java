package io.terrarium.conda.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A link script sees conda's variables and none of the installing process's own, and cannot outlive its limit. */
class LinkScriptSandboxTest {

    /** What a script may see: the variables we set, the wrapper's activation, and what bash itself sets. */
    private static final Set<String> EXPECTED = Set.of(
            "PATH",
            "HOME",
            "LANG",
            "ROOT_PREFIX",
            "PREFIX",
            "PKG_NAME",
            "PKG_VERSION",
            "PKG_BUILDNUM",
            "TERRARIUM_LINK_SCRIPT",
            "CONDA_PREFIX",
            "CONDA_SHLVL",
            "CONDA_DEFAULT_ENV",
            "PWD",
            "OLDPWD",
            "SHLVL",
            "_");

    @TempDir
    Path tmp;

    private Path cache() throws IOException {
        return Files.createDirectories(tmp.resolve("pkgs"));
    }

    private static Map<String, String> parseEnv(String text) {
        Map<String, String> env = new TreeMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    @Test
    void postLinkSeesCondasVariablesAndNoneOfTheInstallersOwn() throws Exception {
        ExtractedPackage pkg = ExtractedPackage.of("envdump", "1.2")
                .file("bin/.envdump-post-link.sh", "env > \"$PREFIX/env.txt\"\necho dumped the environment\n");
        Path prefix = tmp.resolve("env");
        InstallResult r =
                new PrefixInstaller(PrefixInstallerTest.OPTIONS).install(prefix, List.of(pkg.request(cache())), null);

        Map<String, String> seen = parseEnv(Files.readString(prefix.resolve("env.txt")));
        TreeSet<String> unexpected = new TreeSet<>(seen.keySet());
        unexpected.removeAll(EXPECTED);
        assertEquals(Set.of(), unexpected, "variables beyond conda's: " + seen);
        for (String own : System.getenv().keySet()) {
            if (!EXPECTED.contains(own)) {
                assertFalse(seen.containsKey(own), own + " of the installing process reached the script");
            }
        }
        assertEquals(prefix.toString(), seen.get("PREFIX"));
        assertEquals("envdump", seen.get("PKG_NAME"));
        assertEquals("1.2", seen.get("PKG_VERSION"));
        assertEquals("0", seen.get("PKG_BUILDNUM"));
        List<String> path = Arrays.asList(seen.get("PATH").split(":"));
        assertEquals(prefix.resolve("bin").toString(), path.get(0));
        assertTrue(path.containsAll(List.of("/usr/bin", "/bin")), seen.get("PATH"));
        assertFalse(seen.get("HOME").equals(System.getProperty("user.home")), "the script got this user's HOME");
        assertEquals(List.of("post-link script of " + pkg.dist() + ":\ndumped the environment"), r.scriptOutput());
    }

    @Test
    void aScriptOverItsTimeLimitIsKilledWithEveryProcessItStarted() throws Exception {
        ExtractedPackage pkg = ExtractedPackage.of("hangs", "1.0")
                .file(
                        "bin/.hangs-post-link.sh",
                        "sleep 300 &\necho $! > \"$PREFIX/child.pid\"\necho started\nsleep 300\n");
        Path prefix = tmp.resolve("env");
        long started = System.nanoTime();
        LinkScriptException e = assertThrows(
                LinkScriptException.class,
                () -> new PrefixInstaller(PrefixInstallerTest.OPTIONS.withScriptTimeout(Duration.ofSeconds(1)))
                        .install(prefix, List.of(pkg.request(cache())), null));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30, "the limit was not enforced");
        assertTrue(
                e.getMessage()
                        .startsWith("post-link script of " + pkg.dist()
                                + " did not finish within its time limit of 1 s and was killed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("started"), e.getMessage());
        long child =
                Long.parseLong(Files.readString(prefix.resolve("child.pid")).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)) {
            assertTrue(System.nanoTime() < deadline, "the script's background child " + child + " still runs");
            Thread.sleep(50);
        }
        assertFalse(PrefixInstaller.isLinked(prefix, pkg.record()));
    }

    @Test
    void disabledLinkScriptsAreSkippedWithAWarning() throws Exception {
        ExtractedPackage pkg = ExtractedPackage.of("hooked", "1.0")
                .file("hooked.txt", "x\n")
                .file("bin/.hooked-post-link.sh", "touch \"$PREFIX/ran\"\n");
        Path prefix = tmp.resolve("env");
        InstallResult r = new PrefixInstaller(PrefixInstallerTest.OPTIONS.withLinkScripts(false))
                .install(prefix, List.of(pkg.request(cache())), null);
        assertFalse(Files.exists(prefix.resolve("ran")));
        assertTrue(PrefixInstaller.isLinked(prefix, pkg.record()));
        assertEquals(
                List.of("post-link script of " + pkg.dist() + " not run: link scripts are disabled"), r.warnings());
    }
}
