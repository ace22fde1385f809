package io.terrarium.conda.repodata;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a large, conda-forge-like {@code repodata.json} for load and solve benchmarks.
 *
 * <p>Deterministic for a seed. Shaped after conda-forge's linux-64 subdir: about 15 records per package name spread
 * over versions and builds, python builds for several interpreter versions, 2 to 9 dependencies each drawn from
 * packages with a lower index (so every dependency exists and the graph has no cycles), occasional
 * {@code constrains} and {@code track_features}, unique hashes, pretty-printed with sorted keys like conda-index.
 */
public final class RepodataGenerator {
    private static final String[] LICENSES = {
        "MIT",
        "BSD-3-Clause",
        "Apache-2.0",
        "GPL-3.0-or-later",
        "LGPL-2.1-only",
        "MPL-2.0",
        "Zlib",
        "PSF-2.0",
        "BSD-2-Clause",
        "ISC"
    };
    private static final String[] FAMILIES = {
        "MIT", "BSD", "Apache", "GPL3", "LGPL", "Other", "Other", "PSF", "BSD", "Other"
    };
    private static final String[] PYTHONS = {"3.8", "3.9", "3.10", "3.11", "3.12"};

    private RepodataGenerator() {}

    /** Writes {@code records} records (at least) into {@code file} as subdir {@code linux-64}; returns the file. */
    public static Path write(Path file, int records, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int names = Math.max(8, records / 15);
        List<String> pkgNames = new ArrayList<>(names);
        pkgNames.add("python");
        pkgNames.add("python_abi");
        pkgNames.add("libgcc-ng");
        pkgNames.add("libzlib");
        for (int i = pkgNames.size(); i < names; i++) {
            pkgNames.add((i % 5 == 0 ? "py-" : i % 7 == 0 ? "lib" : "") + "pkg" + Integer.toString(i, 36));
        }
        HexFormat hex = HexFormat.of();
        byte[] buf = new byte[32];
        int written = 0;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeObjectFieldStart("info");
                g.writeStringField("subdir", "linux-64");
                g.writeEndObject();
                g.writeObjectFieldStart("packages");
                int perName = Math.max(1, records / names);
                for (int n = 0; n < names && written < records; n++) {
                    String name = pkgNames.get(n);
                    boolean isPython = name.startsWith("py-") || n % 3 == 0;
                    int count = n == names - 1 ? records - written : Math.min(records - written, perName);
                    int versions = Math.max(1, count / (isPython ? 5 : 2));
                    for (int k = 0; k < count; k++) {
                        int v = k % versions;
                        String version = n < 4 ? fixedVersion(n, v) : (1 + v / 10) + "." + (v % 10) + "." + (k % 3);
                        String py = isPython && n >= 4 ? PYTHONS[k % PYTHONS.length] : null;
                        int buildNumber = k / versions % 4;
                        rnd.nextBytes(buf);
                        String hash = hex.formatHex(buf, 0, 4).substring(0, 7);
                        String build = (py != null ? "py" + py.replace(".", "") + "h" : "h") + hash + "_" + buildNumber;
                        String fn = name + "-" + version + "-" + build + ".tar.bz2";
                        g.writeObjectFieldStart(fn);
                        g.writeStringField("build", build);
                        g.writeNumberField("build_number", buildNumber);
                        if (rnd.nextInt(20) == 0) {
                            g.writeArrayFieldStart("constrains");
                            g.writeString(pkgNames.get(rnd.nextInt(names)) + " >=1.0");
                            g.writeEndArray();
                        }
                        g.writeArrayFieldStart("depends");
                        g.writeString("libgcc-ng >=12");
                        if (py != null) {
                            g.writeString("python >=" + py + ",<" + nextMinor(py) + ".0a0");
                            g.writeString("python_abi " + py + ".* *_cp" + py.replace(".", ""));
                        }
                        int deps = n < 4 ? 0 : rnd.nextInt(2, 8);
                        for (int d = 0; d < deps; d++) {
                            int target = 4 + rnd.nextInt(Math.max(1, n - 4));
                            if (target >= n) {
                                continue;
                            }
                            g.writeString(pkgNames.get(target) + " >=1." + rnd.nextInt(3) + ",<" + (2 + rnd.nextInt(3))
                                    + ".0a0");
                        }
                        g.writeEndArray();
                        int lic = (n * 7) % LICENSES.length;
                        g.writeStringField("license", LICENSES[lic]);
                        g.writeStringField("license_family", FAMILIES[lic]);
                        rnd.nextBytes(buf);
                        g.writeStringField("md5", hex.formatHex(buf, 0, 16));
                        g.writeStringField("name", name);
                        rnd.nextBytes(buf);
                        g.writeStringField("sha256", hex.formatHex(buf));
                        g.writeNumberField("size", 10_000 + rnd.nextInt(50_000_000));
                        g.writeStringField("subdir", "linux-64");
                        g.writeNumberField("timestamp", 1_600_000_000_000L + rnd.nextLong(150_000_000_000L));
                        if (rnd.nextInt(200) == 0) {
                            g.writeStringField("track_features", "blas_openblas");
                        }
                        g.writeStringField("version", version);
                        g.writeEndObject();
                        written++;
                    }
                }
                g.writeEndObject();
                g.writeObjectFieldStart("packages.conda");
                g.writeEndObject();
                g.writeArrayFieldStart("removed");
                g.writeEndArray();
                g.writeNumberField("repodata_version", 1);
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static String fixedVersion(int n, int v) {
        return switch (n) {
            case 0 -> PYTHONS[v % PYTHONS.length] + "." + (v / PYTHONS.length);
            case 1 -> PYTHONS[v % PYTHONS.length];
            case 2 -> (12 + v % 3) + ".2.0";
            default -> "1.2." + (11 + v % 3);
        };
    }

    private static String nextMinor(String py) {
        int dot = py.indexOf('.');
        return py.substring(0, dot + 1) + (Integer.parseInt(py.substring(dot + 1)) + 1);
    }
}
