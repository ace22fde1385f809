package io.terrarium.conda.install;

import static io.terrarium.conda.install.RealPackagesTest.testData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.types.PackageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefixDataTest {
    @TempDir
    Path tmp;

    @Test
    void readsARealCondaEnvironment() throws Exception {
        Path env = testData("conda/env_metadata/envpy27osx");
        PrefixData data = PrefixData.load(env);
        assertEquals(16, data.records().size());
        assertTrue(PrefixData.isEnvironment(env));
        PrefixRecord pip = data.get("pip").orElseThrow();
        assertEquals("10.0.1", pip.record().versionText());
        assertEquals("https://repo.anaconda.com/pkgs/main", pip.record().channel());
        assertEquals("osx-64", pip.record().subdir());
        assertEquals("bin/pip", pip.paths().get(0).path());
        assertEquals("/opt/anaconda1anaconda2anaconda3", pip.paths().get(0).prefixPlaceholder());
        assertEquals(
                List.of("python >=2.7,<2.8.0a0", "setuptools", "wheel"),
                pip.record().depends());
        assertEquals(null, pip.requestedSpec());
    }

    @Test
    void readsRattlerPrefixRecords() throws Exception {
        Path dir = testData("rattler/test-data/conda-meta");
        try (var s = Files.list(dir)) {
            for (Path f : s.toList()) {
                PrefixRecord r = PrefixData.readFile(f);
                assertEquals(f.getFileName().toString(), r.fileName());
            }
        }
        PrefixRecord pip = PrefixData.readFile(dir.resolve("pip-23.0-pyhd8ed1ab_0.json"));
        assertTrue(pip.paths().stream().anyMatch(p -> p.pathType().equals("pyc_file")));
        assertEquals("python", pip.record().noarch());
    }

    @Test
    void writtenRecordsRoundTrip() throws Exception {
        Path src = testData("conda/env_metadata/envpy27osx/conda-meta/pip-10.0.1-py27_0.json");
        PrefixRecord r = PrefixData.readFile(src);
        Map<String, Object> again =
                PrefixRecord.fromJson(Json.parseObject(Json.write(r.toJson()))).toJson();
        assertEquals(r.toJson(), again);
        Map<String, Object> original = Json.readObject(src);
        Map<String, Object> written = Json.parseObject(Json.write(r.toJson()));
        for (String key : List.of(
                "name",
                "version",
                "build",
                "build_number",
                "channel",
                "depends",
                "files",
                "fn",
                "md5",
                "url",
                "subdir",
                "size",
                "timestamp",
                "license",
                "license_family",
                "link",
                "extracted_package_dir",
                "package_tarball_full_path",
                "paths_data")) {
            assertEquals(original.get(key), written.get(key), key);
        }
    }

    @Test
    void corruptJsonIsAClearError() {
        CorruptPrefixRecordException e =
                assertThrows(CorruptPrefixRecordException.class, () -> PrefixData.load(testData("conda/corrupt/json")));
        assertTrue(e.getMessage().contains("corrupt-1.2.3-hashhash.json"), e.getMessage());
    }

    @Test
    void nonUtf8IsAClearError() {
        CorruptPrefixRecordException e = assertThrows(
                CorruptPrefixRecordException.class, () -> PrefixData.load(testData("conda/corrupt/unicode")));
        assertTrue(e.getMessage().contains("corrupt-1.2.3-hashhash.json"), e.getMessage());
    }

    @Test
    void appleDoubleFilesAreIgnored() throws Exception {
        PrefixData data = PrefixData.load(testData("conda/corrupt/dot_underscore"));
        assertEquals(
                List.of("valid-1.0-0"),
                data.packageRecords().stream().map(PackageRecord::dist).toList());
    }

    @Test
    void aMismatchedRecordIsNotLinked() throws Exception {
        PackageRecord r = PackageRecord.builder("x", "1.0")
                .build("0")
                .sha256("aa".repeat(32))
                .build();
        Path meta = Files.createDirectories(tmp.resolve("conda-meta"));
        Files.writeString(
                meta.resolve("x-1.0-0.json"), Json.write(new PrefixRecord(r, List.of(), null, null, null, 1).toJson()));
        assertTrue(PrefixInstaller.isLinked(tmp, r));
        assertTrue(!PrefixInstaller.isLinked(
                tmp, r.toBuilder().sha256("bb".repeat(32)).build()));
    }
}
