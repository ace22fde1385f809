package io.terrarium.interfaces.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.lock.CondaLock;
import io.terrarium.conda.lock.CondaLockYaml;
import io.terrarium.conda.lock.LockedPackage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CondaLockJsonTest {

    private static final String MD5 = "a".repeat(32);
    private static final String SHA256 = "b".repeat(64);

    private static final CondaLock LOCK = new CondaLock(
            new CondaLock.Metadata(
                    Map.of("linux-64", "abc"),
                    List.of(CondaLock.LockChannel.of("conda-forge")),
                    List.of("linux-64"),
                    List.of(),
                    Map.of()),
            List.of(new LockedPackage(
                    "zlib",
                    "1.3.1",
                    LockedPackage.Manager.CONDA,
                    "linux-64",
                    Map.of("libgcc", ">=13"),
                    "https://conda.anaconda.org/conda-forge/linux-64/zlib-1.3.1-hb9d3cd8_2.conda",
                    MD5,
                    SHA256,
                    "main",
                    false,
                    "hb9d3cd8_2")));

    @Test
    @SuppressWarnings("unchecked")
    void jsonHoldsTheSamePackagesAsTheYamlConda_lockWrites() {
        Map<String, Object> json = Json.parseObject(Json.writePretty(CondaLockJson.tree(LOCK)));
        assertEquals(1L, ((Number) json.get("version")).longValue());
        Map<String, Object> zlib = ((List<Map<String, Object>>) json.get("package")).get(0);
        assertEquals("zlib", zlib.get("name"));
        assertEquals("1.3.1", zlib.get("version"));
        assertEquals("conda", zlib.get("manager"));
        assertEquals(Map.of("md5", MD5, "sha256", SHA256), zlib.get("hash"));
        assertEquals(Map.of("libgcc", ">=13"), zlib.get("dependencies"));
        assertEquals(List.of("linux-64"), ((Map<String, Object>) json.get("metadata")).get("platforms"));

        CondaLock fromJson = CondaLockYaml.parse(Json.writePretty(CondaLockJson.tree(LOCK)), "json");
        assertEquals(LOCK.packages(), fromJson.packages(), "conda-lock JSON reads back as the same lock");
    }
}
