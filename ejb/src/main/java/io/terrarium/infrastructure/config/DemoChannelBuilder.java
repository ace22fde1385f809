package io.terrarium.infrastructure.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.terrarium.conda.pkg.ChannelIndexer;
import io.terrarium.conda.pkg.FileTrees;
import io.terrarium.conda.pkg.PackageFormat;
import io.terrarium.conda.pkg.PackageWriter;
import io.terrarium.conda.pkg.PathsJson;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Builds Terrarium's demo channel, real conda packages made with the engine's {@link PackageWriter}, so a first
 * build works offline: {@code hello} (1.0 and 1.1, {@code .conda}) whose {@code bin/hello} prints a greeting
 * and its own prefix, depending on {@code greeting-data} ({@code .tar.bz2}) which holds the greeting.
 * All are {@code noarch: generic}; the channel has {@code noarch/} and empty platform subdirs.
 */
public final class DemoChannelBuilder {

    /** Time stamp of every demo package and archive entry, so the channel is byte-for-byte reproducible. */
    static final long TIMESTAMP_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    static final List<String> PLATFORM_SUBDIRS = List.of("linux-64", "linux-aarch64", "osx-64", "osx-arm64", "win-64");

    private record Demo(String name, String version, String depends, PackageFormat format, Map<String, String> files) {}

    private static List<Demo> demos() {
        String placeholder = PathsJson.LEGACY_PLACEHOLDER;
        String hello10 = helloScript(placeholder, "1.0");
        String hello11 = helloScript(placeholder, "1.1");
        return List.of(
                new Demo(
                        "greeting-data",
                        "1.0",
                        null,
                        PackageFormat.TAR_BZ2,
                        Map.of(
                                "share/greeting/message.txt",
                                "This environment was built by Terrarium's own conda engine.\n")),
                new Demo("hello", "1.0", "greeting-data >=1.0", PackageFormat.CONDA, Map.of("bin/hello", hello10)),
                new Demo("hello", "1.1", "greeting-data >=1.0", PackageFormat.CONDA, Map.of("bin/hello", hello11)));
    }

    private static String helloScript(String placeholder, String version) {
        return "#!/bin/sh\n"
                + "# hello " + version
                + " from the Terrarium demo channel; conda rewrites the prefix below at install\n"
                + "PREFIX=\"" + placeholder + "\"\n"
                + "echo \"Hello from Terrarium (hello " + version
                + ")! $(cat \"$PREFIX/share/greeting/message.txt\")\"\n"
                + "echo \"prefix: $PREFIX\"\n";
    }

    private DemoChannelBuilder() {}

    /**
     * Writes the channel into {@code channelDir} (packages, {@code repodata.json} per subdir), replacing
     * whatever demo channel was there; the directory appears complete or not at all.
     */
    public static void build(Path channelDir) throws IOException {
        Path parent = channelDir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, ".demo-channel-");
        try {
            Path noarch = staging.resolve("noarch");
            Files.createDirectories(noarch);
            for (Demo demo : demos()) {
                Path src = staging.resolve(".src").resolve(demo.name() + "-" + demo.version());
                writePayload(src, demo);
                new PackageWriter()
                        .zstdLevel(3)
                        .fixedTime(FileTime.fromMillis(TIMESTAMP_MS))
                        .write(src, noarch, demo.format());
            }
            FileTrees.delete(staging.resolve(".src"));
            ChannelIndexer.indexSubdir(noarch);
            for (String subdir : PLATFORM_SUBDIRS) {
                ChannelIndexer.indexSubdir(staging.resolve(subdir));
            }
            FileTrees.delete(channelDir);
            Files.move(staging, channelDir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.delete(staging);
        }
    }

    private static void writePayload(Path src, Demo demo) throws IOException {
        for (Map.Entry<String, String> f : demo.files().entrySet()) {
            Path file = src.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
            if (f.getKey().startsWith("bin/")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Path info = src.resolve("info");
        Files.createDirectories(info);
        Files.writeString(info.resolve("index.json"), json(g -> {
            g.writeStartObject();
            writeIndexFields(g, demo);
            g.writeEndObject();
        }));
        PathsJson.of(PackageWriter.scanPayload(src, PathsJson.LEGACY_PLACEHOLDER)
                        .paths())
                .write(info.resolve("paths.json"));
    }

    private static void writeIndexFields(JsonGenerator g, Demo demo) throws IOException {
        g.writeStringField("arch", null);
        g.writeStringField("build", "0");
        g.writeNumberField("build_number", 0);
        g.writeArrayFieldStart("depends");
        if (demo.depends() != null) {
            g.writeString(demo.depends());
        }
        g.writeEndArray();
        g.writeStringField("license", "BSD-3-Clause");
        g.writeStringField("name", demo.name());
        g.writeStringField("noarch", "generic");
        g.writeStringField("platform", null);
        g.writeStringField("subdir", "noarch");
        g.writeNumberField("timestamp", TIMESTAMP_MS);
        g.writeStringField("version", demo.version());
    }

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(JsonBody body) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            body.write(g);
        }
        return out + "\n";
    }
}
