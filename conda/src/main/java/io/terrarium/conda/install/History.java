package io.terrarium.conda.install;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.types.Dist;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transaction log of a prefix, {@code conda-meta/history}: one block per transaction with a timestamp, the
 * command, {@code +channel::dist} lines for linked and {@code -channel::dist} lines for unlinked records and the
 * requested specs. Its presence is what makes a directory a conda environment.
 */
public final class History {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private History() {}

    /** Path of the history file of a prefix. */
    public static Path file(Path prefix) {
        return prefix.resolve(PrefixData.CONDA_META).resolve("history");
    }

    /** Creates an empty history file unless one exists, so that tools see an environment from the start. */
    public static void touch(Path prefix) throws IOException {
        Path f = file(prefix);
        Files.createDirectories(f.getParent());
        if (!Files.exists(f)) {
            Files.write(f, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** The history line of a record, {@code channel/subdir::name-version-build} (just the dist without channel). */
    public static String distLine(PackageRecord r) {
        String ch = PrefixRecord.channelWithSubdir(r);
        return ch == null ? r.dist() : ch + "::" + r.dist();
    }

    /** The text of one transaction block. */
    static String block(
            Instant when, String command, List<PackageRecord> linked, List<String> unlinked, List<String> updateSpecs) {
        StringBuilder b = new StringBuilder();
        b.append("==> ").append(STAMP.format(when)).append(" <==\n");
        b.append("# cmd: ")
                .append(command == null || command.isBlank() ? "terrarium install" : command)
                .append('\n');
        b.append("# terrarium version: ").append(InstallOptions.ENGINE_VERSION).append('\n');
        for (String line : unlinked) {
            b.append('-').append(line).append('\n');
        }
        for (PackageRecord r : linked) {
            b.append('+').append(distLine(r)).append('\n');
        }
        if (updateSpecs != null && !updateSpecs.isEmpty()) {
            b.append("# update specs: ").append(Json.write(updateSpecs)).append('\n');
        }
        return b.toString();
    }

    /**
     * What the history says is installed: replays every block's {@code +} and {@code -} lines and returns the
     * remaining {@code channel::dist} lines by package name.
     */
    static Map<String, String> installedByName(String history) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String raw : history.split("\n")) {
            String line = raw.strip();
            if (line.length() < 2 || (line.charAt(0) != '+' && line.charAt(0) != '-')) {
                continue;
            }
            String entry = line.substring(1);
            String name = packageName(entry);
            if (name == null) {
                continue;
            }
            if (line.charAt(0) == '+') {
                byName.put(name, entry);
            } else if (entry.equals(byName.get(name))) {
                byName.remove(name);
            }
        }
        return byName;
    }

    /** The package name of {@code [channel::]name-version-build}, or null when it is not of that shape. */
    static String packageName(String entry) {
        int sep = entry.lastIndexOf("::");
        String dist = sep < 0 ? entry : entry.substring(sep + 2);
        return Dist.parse(dist).map(Dist::name).orElse(null);
    }

    /** The {@code +}/{@code -} lines of the last block of history text. */
    static Set<String> lastBlockChanges(String history) {
        List<String> block = new ArrayList<>();
        for (String line : history.split("\n")) {
            if (line.startsWith("==>")) {
                block.clear();
            } else if (line.startsWith("+") || line.startsWith("-")) {
                block.add(line.strip());
            }
        }
        return new LinkedHashSet<>(block);
    }
}
