package io.terrarium.conda.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.pip.version.PipVersion;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pip wheels in a conda-lock file as conda-lock writes them, read back as the same pins, and in the export. */
class PipLockEntriesTest {
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @TempDir
    Path tmp;

    private static PackageRecord python() {
        return PackageRecord.builder("python", "3.11.4")
                .build("h1_0")
                .buildNumber(0)
                .subdir("linux-64")
                .channel("https://conda.anaconda.org/conda-forge")
                .url("https://conda.anaconda.org/conda-forge/linux-64/python-3.11.4-h1_0.conda")
                .md5("0123456789abcdef0123456789abcdef")
                .build();
    }

    private static List<PinnedWheel> wheels() {
        return List.of(
                new PinnedWheel(
                        PackageName.of("pkg-b"),
                        PipVersion.parse("2.0"),
                        "pkg_b-2.0-py3-none-any.whl",
                        "http://127.0.0.1:1/files/pkg_b-2.0-py3-none-any.whl",
                        SHA_B,
                        true,
                        Map.of()),
                new PinnedWheel(
                        PackageName.of("Pkg_A"),
                        PipVersion.parse("1.2.1"),
                        "pkg_a-1.2.1-py3-none-any.whl",
                        "http://127.0.0.1:1/files/pkg_a-1.2.1-py3-none-any.whl",
                        SHA_A,
                        true,
                        Map.of("pkg-b", ">=1.0")));
    }

    @Test
    void pipEntriesAreWrittenAsCondaLockWritesThemAndReadBackAsTheSamePins() throws IOException {
        Path file = tmp.resolve("conda-lock.yml");
        CondaLockYaml.write(
                file,
                CondaLock.of(
                        Map.of("linux-64", List.of(python())),
                        Map.of("linux-64", wheels()),
                        List.of(),
                        Map.of(),
                        List.of()));
        String text = Files.readString(file);
        assertTrue(text.contains("""
                  - category: main
                    dependencies:
                      pkg-b: '>=1.0'
                    hash:
                      sha256: %s
                    manager: pip
                    name: pkg-a
                    optional: false
                    platform: linux-64
                    url: http://127.0.0.1:1/files/pkg_a-1.2.1-py3-none-any.whl
                    version: 1.2.1
                """.formatted(SHA_A)), text);

        Lockfiles.Locked locked = Lockfiles.read(file, "linux-64", null, null);
        assertEquals(
                List.of("python"),
                locked.conda().stream().map(PackageRecord::name).toList());
        List<PinnedWheel> back =
                locked.pip().stream().map(LockedPackage::toPinnedWheel).toList();
        assertEquals(
                List.of("pkg-a", "pkg-b"),
                back.stream().map(w -> w.name().toString()).toList());
        PinnedWheel a = back.get(0);
        assertEquals("pkg_a-1.2.1-py3-none-any.whl", a.filename());
        assertEquals(SHA_A, a.sha256());
        assertEquals("1.2.1", a.version().toString());
        assertEquals(Map.of("pkg-b", ">=1.0"), a.dependencies());
        assertEquals(back, CondaLockYaml.read(file).pipWheels("linux-64"));
    }

    @Test
    void aWheelWithoutSha256CannotBeLockedAndAnSdistIsRefusedOnRead() {
        PinnedWheel noHash = new PinnedWheel(
                PackageName.of("x"),
                PipVersion.parse("1"),
                "x-1-py3-none-any.whl",
                "http://h/x-1-py3-none-any.whl",
                null,
                true);
        assertTrue(assertThrows(LockfileFormatException.class, () -> LockedPackage.of(noHash, "linux-64"))
                .getMessage()
                .contains("no sha256"));
        LockedPackage sdist = new LockedPackage(
                "x",
                "1",
                LockedPackage.Manager.PIP,
                "linux-64",
                Map.of(),
                "http://h/x-1.tar.gz",
                null,
                SHA_A,
                "main",
                false,
                null);
        assertTrue(assertThrows(LockfileFormatException.class, sdist::toPinnedWheel)
                .getMessage()
                .contains("x-1.tar.gz, which is not a wheel"));
    }

    @Test
    void theExportListsPipPackagesUnderPip() {
        assertEquals("""
                name: demo
                channels:
                  - https://conda.anaconda.org/conda-forge
                dependencies:
                  - python=3.11.4=h1_0
                  - pip:
                      - pkg-a==1.2.1
                      - pkg-b==2.0
                """, EnvironmentExport.render("demo", List.of(), List.of(python()), wheels(), null));
    }
}
