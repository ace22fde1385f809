package io.terrarium.conda.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.terrarium.conda.types.PackageRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentExportTest {
    private static PackageRecord rec(String name, String version, String build, String channel) {
        return PackageRecord.builder(name, version)
                .build(build)
                .channel(channel)
                .subdir("linux-64")
                .build();
    }

    @Test
    void writesWhatCondaEnvExportWrites() {
        List<PackageRecord> records = List.of(
                rec("zlib", "1.2.13", "h166bdaf_4", "https://conda.anaconda.org/conda-forge"),
                rec("python", "3.10", "h12debd9_0", "https://repo.anaconda.com/pkgs/main"),
                rec("_libgcc_mutex", "0.1", "conda_forge", "https://conda.anaconda.org/conda-forge"));
        assertEquals("""
                name: demo
                channels:
                  - https://conda.anaconda.org/conda-forge
                  - https://repo.anaconda.com/pkgs/main
                dependencies:
                  - _libgcc_mutex=0.1=conda_forge
                  - python=3.10=h12debd9_0
                  - zlib=1.2.13=h166bdaf_4
                prefix: /opt/envs/demo
                """, EnvironmentExport.render(null, List.of(), records, "/opt/envs/demo/"));
        assertEquals("""
                name: x
                channels:
                  - conda-forge
                dependencies: []
                """, EnvironmentExport.render("x", List.of("conda-forge"), List.of(), null));
    }

    @Test
    void channelCredentialsAreMaskedInTheExport() {
        String yaml = EnvironmentExport.render(
                "x",
                List.of("https://alice:s3cret@repo.example/conda", "https://conda.anaconda.org/t/tk-1/private"),
                List.of(),
                null);
        org.junit.jupiter.api.Assertions.assertFalse(yaml.contains("s3cret") || yaml.contains("tk-1"), yaml);
        org.junit.jupiter.api.Assertions.assertTrue(yaml.contains("https://alice:****@repo.example/conda"), yaml);
        org.junit.jupiter.api.Assertions.assertTrue(
                yaml.contains("https://conda.anaconda.org/t/<TOKEN>/private"), yaml);
    }
}
