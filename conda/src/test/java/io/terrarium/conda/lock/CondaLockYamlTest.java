package io.terrarium.conda.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CondaLockYamlTest {
    private static final String MAMBA = "mamba/libmamba/tests/data/env_lockfile/";
    private static final String RATTLER = "rattler/test-data/conda-lock/v0/";

    @Test
    void readsWhatCondaLockWrites() throws IOException {
        CondaLock lock = CondaLockYaml.read(TestData.path(RATTLER + "python-conda-lock.yml"));
        assertEquals(
                List.of("linux-64", "linux-aarch64", "linux-ppc64le", "osx-64", "osx-arm64", "win-64"),
                lock.metadata().platforms());
        assertEquals(
                "63fe6f5b3868946659fb21a6f0a5871c672c00ce5846fe67e044d5d3fa7c2b3b",
                lock.metadata().contentHash().get("linux-64"));
        assertEquals(
                List.of(CondaLock.LockChannel.of("conda-forge")),
                lock.metadata().channels());
        assertEquals(111, lock.packages().size());

        List<PackageRecord> linux = lock.condaRecords("linux-64");
        assertEquals(22, linux.size());
        PackageRecord python = linux.stream()
                .filter(r -> r.name().equals("python"))
                .findFirst()
                .orElseThrow();
        assertEquals("python-3.11.0-he550d4f_1_cpython", python.dist());
        assertEquals("https://conda.anaconda.org/conda-forge", python.channel());
        assertEquals("linux-64", python.subdir());
        assertEquals("python-3.11.0-he550d4f_1_cpython.conda", python.fn());
        assertEquals(64, python.sha256().length());
        assertEquals(32, python.md5().length());
        assertTrue(
                python.depends().contains("libzlib >=1.2.13,<1.3.0a0"),
                python.depends().toString());
        PackageRecord mutex = linux.stream()
                .filter(r -> r.name().equals("_libgcc_mutex"))
                .findFirst()
                .orElseThrow();
        assertEquals("0.1", mutex.versionText(), "a quoted \"0.1\" stays the string 0.1");
        PackageRecord tzdata = linux.stream()
                .filter(r -> r.name().equals("tzdata"))
                .findFirst()
                .orElseThrow();
        assertEquals("noarch", tzdata.subdir());
    }

    @Test
    void condaLockAndExplicitOfTheSameEnvironmentAgree() throws IOException {
        CondaLock lock = CondaLockYaml.read(TestData.path(RATTLER + "python-conda-lock.yml"));
        for (String platform : List.of("linux-64", "linux-aarch64", "osx-arm64", "win-64")) {
            ExplicitEnvironment explicit = ExplicitEnvironment.read(
                    TestData.path("rattler/test-data/python/explicit-env-" + platform + ".txt"));
            // the two files were made a few days apart: pip and setuptools moved on, nothing else
            Set<String> fromLock = urlsAndMd5(lock.condaRecords(platform));
            Set<String> fromExplicit = urlsAndMd5(explicit.records());
            assertEquals(names(explicit.records()), names(lock.condaRecords(platform)), platform);
            assertEquals(
                    fromLock.size() - 2,
                    fromLock.stream().filter(fromExplicit::contains).count(),
                    platform);
        }
    }

    private static Set<String> names(List<PackageRecord> records) {
        return Set.copyOf(records.stream().map(PackageRecord::name).toList());
    }

    private static Set<String> urlsAndMd5(List<PackageRecord> records) {
        return Set.copyOf(records.stream().map(r -> r.url() + "#" + r.md5()).toList());
    }

    @Test
    void keepsPipEntriesApartFromCondaRecords() throws IOException {
        CondaLock lock = CondaLockYaml.read(TestData.path(RATTLER + "pypi-matplotlib-conda-lock.yml"));
        List<LockedPackage> pip = lock.pipPackages("linux-64", null);
        assertEquals(12, pip.size());
        LockedPackage cycler =
                pip.stream().filter(p -> p.name().equals("cycler")).findFirst().orElseThrow();
        assertEquals("0.11.0", cycler.version());
        assertEquals(LockedPackage.Manager.PIP, cycler.manager());
        assertEquals(null, cycler.md5());
        assertTrue(
                lock.condaRecords("linux-64").stream().noneMatch(r -> r.name().equals("cycler")));
        var e = assertThrows(LockfileFormatException.class, cycler::toRecord);
        assertTrue(e.getMessage().contains("pip package"), e.getMessage());
    }

    @Test
    void readsMambasGoodFiles() throws IOException {
        CondaLock none = CondaLockYaml.read(TestData.path(MAMBA + "good_no_package-lock.yaml"));
        assertTrue(none.packages().isEmpty());
        assertEquals(
                List.of("conda-forge", "defaults"),
                none.metadata().channels().stream()
                        .map(CondaLock.LockChannel::url)
                        .toList());

        CondaLock one = CondaLockYaml.read(TestData.path(MAMBA + "good_one_package-lock.yaml"));
        PackageRecord zlib = one.condaRecords("win-64").get(0);
        assertEquals("libzlib-1.2.11-h8ffe710_1013", zlib.dist());
        assertEquals(1013, zlib.buildNumber());
        assertEquals(List.of("vc >=14.1,<15.0a0", "vs2015_runtime >=14.16.27012"), zlib.depends());
        assertTrue(one.condaRecords("linux-64").isEmpty());
        var e = assertThrows(LockfileFormatException.class, () -> one.condaRecords("osx-arm64"));
        assertTrue(e.getMessage().contains("no packages for platform osx-arm64"), e.getMessage());

        CondaLock missingCategory =
                CondaLockYaml.read(TestData.path(MAMBA + "good_one_package_missing_category-lock.yaml"));
        assertEquals("main", missingCategory.packages().get(0).category());

        CondaLock categories = CondaLockYaml.read(TestData.path(MAMBA + "good_multiple_categories-lock.yaml"));
        assertTrue(categories.categories().contains("dev"));
        assertTrue(categories.condaRecords("linux-64", Set.of("main")).size()
                < categories.condaRecords("linux-64").size());
        assertTrue(categories.packages().stream()
                .filter(p -> p.category().equals("dev"))
                .allMatch(LockedPackage::optional));

        CondaLock many = CondaLockYaml.read(TestData.path(MAMBA + "good_multiple_packages-lock.yaml"));
        assertFalse(many.condaRecords("linux-64").isEmpty());
        assertFalse(many.condaRecords("osx-64").isEmpty());
    }

    @Test
    void aPackageInTwoCategoriesIsInstalledOnce() throws IOException {
        CondaLock lock = CondaLockYaml.read(TestData.path(MAMBA + "good_overlap_categories-lock.yaml"));
        List<PackageRecord> conda = lock.condaRecords("linux-64");
        assertEquals(
                List.of("pkg_a", "pkg_b"),
                conda.stream().map(PackageRecord::name).toList());
        assertEquals("0", conda.get(0).build());
        assertEquals(
                List.of("pkg_a"),
                lock.condaRecords("linux-64", Set.of("foo")).stream()
                        .map(PackageRecord::name)
                        .toList());
        assertEquals(
                1,
                lock.pipPackages("linux-64", null).stream()
                        .filter(p -> p.name().equals("pip_a"))
                        .count());
    }

    @Test
    void badFilesGetClearErrors() {
        var version = assertThrows(
                LockfileFormatException.class,
                () -> CondaLockYaml.read(TestData.path(MAMBA + "bad_version-lock.yaml")));
        assertTrue(
                version.getMessage().contains("bad_version-lock.yaml line 1: unsupported lockfile version -1"),
                version.getMessage());
        var pkg = assertThrows(
                LockfileFormatException.class,
                () -> CondaLockYaml.read(TestData.path(MAMBA + "bad_package-lock.yaml")));
        assertTrue(
                pkg.getMessage().contains("line 4: package entry 1 (_libgcc_mutex) has no 'manager'"),
                pkg.getMessage());
        var yaml = assertThrows(
                LockfileFormatException.class, () -> CondaLockYaml.parse("package:\n  - name: [unclosed\n", "x.yml"));
        assertTrue(yaml.getMessage().startsWith("x.yml: not valid YAML:"), yaml.getMessage());
        var manager = assertThrows(LockfileFormatException.class, () -> CondaLockYaml.parse("""
                package:
                  - name: a
                    version: "1"
                    manager: npm
                    platform: linux-64
                    url: https://c/linux-64/a-1-0.conda
                    hash: {md5: d7c89558ba9fa0495403155b64376d81}
                """, "x.yml"));
        assertEquals(
                "x.yml line 4: package entry 1 (a): manager must be 'conda' or 'pip', not 'npm'", manager.getMessage());
        var hash = assertThrows(LockfileFormatException.class, () -> CondaLockYaml.parse("""
                package:
                  - name: a
                    version: "1"
                    manager: conda
                    platform: linux-64
                    url: https://c/linux-64/a-1-0.conda
                    hash: {md5: xyz}
                """, "x.yml"));
        assertTrue(hash.getMessage().contains("hash.md5 'xyz' is not 32 hex digits"), hash.getMessage());
        var pixi = assertThrows(LockfileFormatException.class, () -> CondaLockYaml.parse("version: 5\n", "pixi.lock"));
        assertTrue(pixi.getMessage().contains("pixi.lock files are a different format"), pixi.getMessage());
    }

    @Test
    void writesAndReadsBackTheSameLock(@TempDir Path dir) throws IOException {
        CondaLock lock = CondaLockYaml.read(TestData.path(RATTLER + "pypi-matplotlib-conda-lock.yml"));
        Path out = dir.resolve("conda-lock.yml");
        CondaLockYaml.write(out, lock);
        CondaLock again = CondaLockYaml.read(out);
        assertEquals(lock.metadata().contentHash(), again.metadata().contentHash());
        assertEquals(lock.metadata().platforms(), again.metadata().platforms());
        assertEquals(lock.metadata().channels(), again.metadata().channels());
        assertEquals(lock.packages().size(), again.packages().size());
        assertEquals(lock.packages(), again.packages());
    }

    @Test
    void quotesStringsThatYaml11WouldMisread() {
        PackageRecord tricky = PackageRecord.builder("odd", "1_0")
                .build("yes")
                .url("https://c/linux-64/odd-1_0-yes.conda")
                .md5("d7c89558ba9fa0495403155b64376d81")
                .depends(List.of("python 3.10", "numpy", "libfoo 1:2"))
                .build();
        PackageRecord zero = PackageRecord.builder("z", "0.1")
                .build("0")
                .url("https://c/linux-64/z-0.1-0.conda")
                .sha256("fe51de6107f9edc7aa4f786a70f4a883943bc9d39b3bb7307c04c41410990726")
                .build();
        CondaLock lock = CondaLock.of(
                Map.of("linux-64", List.of(tricky, zero)),
                List.of(CondaLock.LockChannel.of("https://c")),
                Map.of("linux-64", "abc"),
                List.of());
        String yaml = CondaLockYaml.render(lock);
        assertTrue(yaml.contains("    version: '1_0'\n") || yaml.contains("    version: \"1_0\"\n"), yaml);
        assertTrue(yaml.contains("  - build: 'yes'\n"), yaml);
        assertTrue(yaml.contains("    version: '0.1'\n") || yaml.contains("    version: \"0.1\"\n"), yaml);
        assertTrue(yaml.contains("      python: '3.10'\n") || yaml.contains("      python: \"3.10\"\n"), yaml);
        assertTrue(yaml.contains("      numpy: ''\n") || yaml.contains("      numpy: \"\"\n"), yaml);
        assertTrue(yaml.endsWith("version: 1\n"), yaml);
        assertFalse(yaml.contains("&id") || yaml.contains("*id"), "no YAML anchors or aliases: " + yaml);
        assertTrue(yaml.contains("\n  - build: 'yes'\n    category: main\n"), yaml);
        CondaLock again = CondaLockYaml.parse(yaml, "rendered");
        List<PackageRecord> records = again.condaRecords("linux-64");
        assertEquals(
                List.of("odd-1_0-yes", "z-0.1-0"),
                records.stream().map(PackageRecord::dist).toList());
        assertEquals(
                List.of("python 3.10", "numpy", "libfoo 1:2"), records.get(0).depends());
    }

    @Test
    void channelCredentialsAreMaskedInTheLockfile() {
        CondaLock lock = CondaLock.of(
                java.util.Map.of("linux-64", java.util.List.of()),
                java.util.List.of(CondaLock.LockChannel.of("https://alice:s3cret@repo.example/conda")),
                java.util.Map.of("linux-64", "0".repeat(64)),
                java.util.List.of());
        String text = CondaLockYaml.render(lock);
        org.junit.jupiter.api.Assertions.assertFalse(text.contains("s3cret"), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("https://alice:****@repo.example/conda"), text);
    }
}
