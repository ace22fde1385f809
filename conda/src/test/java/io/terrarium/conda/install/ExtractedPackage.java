package io.terrarium.conda.install;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an extracted package directory (what the package cache holds after extraction: {@code info/index.json},
 * {@code info/paths.json}, optional {@code info/link.json} and the payload) and its repodata record, for installer
 * tests. The directory is real; only the archive step is skipped (archives are covered by the package tests and the
 * real packages of {@link RealPackagesTest}).
 */
final class ExtractedPackage {
    /** A conda-build style placeholder of 255 bytes, as binaries built by conda-build embed. */
    static final String PLACEHOLDER;

    static {
        StringBuilder b = new StringBuilder("/opt/conda-bld/test_1700000000000/_h_env");
        while (b.length() < 255) {
            b.append("_placehold");
        }
        PLACEHOLDER = b.substring(0, 255);
    }

    private record Item(
            String path,
            byte[] data,
            boolean executable,
            String placeholder,
            String mode,
            boolean noLink,
            String linkTarget,
            boolean directory) {}

    private final String name;
    private final String version;
    private final String build;
    private final List<Item> items = new ArrayList<>();
    private final List<String> depends = new ArrayList<>();
    private final Map<String, Object> indexExtra = new LinkedHashMap<>();
    private String noarch;
    private List<String> entryPoints = List.of();

    private ExtractedPackage(String name, String version, String build) {
        this.name = name;
        this.version = version;
        this.build = build;
    }

    static ExtractedPackage of(String name, String version) {
        return new ExtractedPackage(name, version, "h0_0");
    }

    ExtractedPackage file(String path, String content) {
        return add(new Item(path, bytes(content), false, null, null, false, null, false));
    }

    ExtractedPackage executable(String path, String content) {
        return add(new Item(path, bytes(content), true, null, null, false, null, false));
    }

    /** A text file with the placeholder, e.g. a script whose content holds {@code @P@} (replaced by the placeholder). */
    ExtractedPackage textWithPrefix(String path, String content, boolean executable) {
        return add(new Item(
                path, bytes(content.replace("@P@", PLACEHOLDER)), executable, PLACEHOLDER, "text", false, null, false));
    }

    ExtractedPackage binaryWithPrefix(String path, byte[] content, String placeholder) {
        return add(new Item(path, content, false, placeholder, "binary", false, null, false));
    }

    ExtractedPackage noLink(String path, String content) {
        return add(new Item(path, bytes(content), false, null, null, true, null, false));
    }

    ExtractedPackage symlink(String path, String target) {
        return add(new Item(path, null, false, null, null, false, target, false));
    }

    ExtractedPackage directory(String path) {
        return add(new Item(path, null, false, null, null, false, null, true));
    }

    ExtractedPackage depends(String spec) {
        depends.add(spec);
        return this;
    }

    ExtractedPackage noarchPython(String... entryPoints) {
        this.noarch = "python";
        this.entryPoints = List.of(entryPoints);
        return this;
    }

    ExtractedPackage indexField(String key, Object value) {
        indexExtra.put(key, value);
        return this;
    }

    private ExtractedPackage add(Item item) {
        items.add(item);
        return this;
    }

    String dist() {
        return name + "-" + version + "-" + build;
    }

    /** The repodata record (checksums are those of a pretend archive, derived from the dist). */
    PackageRecord record() {
        PackageRecord.Builder b = PackageRecord.builder(name, version)
                .build(build)
                .buildNumber(0)
                .depends(List.copyOf(depends))
                .subdir(noarch != null ? "noarch" : "linux-64")
                .noarch(noarch)
                .fn(dist() + ".tar.bz2")
                .channel("https://conda.example.test/test")
                .timestamp(1_700_000_000_000L)
                .sha256(sha256(bytes(dist())))
                .md5("0123456789abcdef0123456789abcdef")
                .size(1234)
                .license("BSD-3-Clause");
        b.url("https://conda.example.test/test/" + (noarch != null ? "noarch" : "linux-64") + "/" + dist()
                + ".tar.bz2");
        if (!indexExtra.isEmpty()) {
            b.extra(indexExtra);
        }
        return b.build();
    }

    /** Writes the extracted directory under {@code cache} and returns it. */
    Path writeTo(Path cache) throws IOException {
        Path dir = cache.resolve(dist());
        Files.createDirectories(dir.resolve("info"));
        List<Object> paths = new ArrayList<>();
        for (Item it : items) {
            Path p = dir.resolve(it.path);
            Files.createDirectories(p.getParent());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("_path", it.path);
            if (it.directory) {
                Files.createDirectories(p);
                e.put("path_type", "directory");
            } else if (it.linkTarget != null) {
                Files.createSymbolicLink(p, Path.of(it.linkTarget));
                e.put("path_type", "softlink");
            } else {
                Files.write(p, it.data);
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(it.executable ? "rwxr-xr-x" : "rw-r--r--"));
                e.put("path_type", "hardlink");
                if (it.placeholder != null) {
                    e.put("prefix_placeholder", it.placeholder);
                    e.put("file_mode", it.mode);
                }
                if (it.noLink) {
                    e.put("no_link", true);
                }
                e.put("sha256", sha256(it.data));
                e.put("size_in_bytes", it.data.length);
            }
            paths.add(e);
        }
        Map<String, Object> pathsJson = new LinkedHashMap<>();
        pathsJson.put("paths", paths);
        pathsJson.put("paths_version", 1);
        Json.writeFile(dir.resolve("info/paths.json"), pathsJson);
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("name", name);
        index.put("version", version);
        index.put("build", build);
        index.put("build_number", 0);
        index.put("depends", depends);
        if (noarch != null) {
            index.put("noarch", noarch);
        }
        index.put("subdir", noarch != null ? "noarch" : "linux-64");
        index.putAll(indexExtra);
        Json.writeFile(dir.resolve("info/index.json"), index);
        if (noarch != null) {
            Map<String, Object> na = new LinkedHashMap<>();
            na.put("type", noarch);
            na.put("entry_points", entryPoints);
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("noarch", na);
            link.put("package_metadata_version", 1);
            Json.writeFile(dir.resolve("info/link.json"), link);
        }
        return dir;
    }

    /** Writes the package and returns the link request for it. */
    LinkRequest request(Path cache) throws IOException {
        return new LinkRequest(record(), writeTo(cache), null, null);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
