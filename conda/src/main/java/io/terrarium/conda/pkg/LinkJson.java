package io.terrarium.conda.pkg;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.json.JsonFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A package's link instructions, {@code info/link.json} (or the older {@code info/package_metadata.json}): the noarch
 * type and, for {@code noarch: python}, the console-script entry points to generate.
 */
public final class LinkJson {
    private final long packageMetadataVersion;
    private final String noarchType;
    private final List<EntryPoint> entryPoints;

    public LinkJson(long packageMetadataVersion, String noarchType, List<EntryPoint> entryPoints) {
        this.packageMetadataVersion = packageMetadataVersion;
        this.noarchType = noarchType;
        this.entryPoints = List.copyOf(entryPoints);
    }

    /** A version 1 link.json for a {@code noarch: python} package with these entry points. */
    public static LinkJson noarchPython(List<EntryPoint> entryPoints) {
        return new LinkJson(1, "python", entryPoints);
    }

    public long packageMetadataVersion() {
        return packageMetadataVersion;
    }

    /** {@code "python"}, {@code "generic"} or null. */
    public String noarchType() {
        return noarchType;
    }

    public List<EntryPoint> entryPoints() {
        return entryPoints;
    }

    /**
     * Reads {@code info/link.json}, else {@code info/package_metadata.json}, of an extracted package directory;
     * null when neither exists.
     */
    public static LinkJson read(Path packageDir) throws IOException {
        Path info = packageDir.resolve("info");
        for (String name : new String[] {"link.json", "package_metadata.json"}) {
            Path file = info.resolve(name);
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return parse(in);
                } catch (InvalidPackageException e) {
                    throw new InvalidPackageException(file + ": " + e.getMessage(), e);
                }
            }
        }
        return null;
    }

    /** Parses {@code link.json} content. */
    public static LinkJson parse(InputStream in) throws IOException {
        try {
            Object tree = Json.parse(in);
            if (!(tree instanceof Map)) {
                throw new InvalidPackageException("link.json must hold an object, found " + Json.describe(tree));
            }
            Map<String, Object> obj = Json.asObject(tree);
            long version = Json.integer(obj, "package_metadata_version", 1);
            Object noarch = obj.get("noarch");
            String type = null;
            List<EntryPoint> eps = new ArrayList<>();
            if (noarch instanceof Map) {
                Map<String, Object> n = Json.asObject(noarch);
                type = Json.string(n, "type");
                for (String def : Json.strings(n, "entry_points")) {
                    eps.add(EntryPoint.parse(def));
                }
            } else if (noarch instanceof String s) {
                type = s;
            } else if (noarch != null) {
                throw new InvalidPackageException("'noarch' must be an object, found " + Json.describe(noarch));
            }
            if (type != null && !type.equals("python") && !type.equals("generic")) {
                throw new InvalidPackageException("unknown noarch type '" + type + "' (expected python or generic)");
            }
            return new LinkJson(version, type, eps);
        } catch (JsonFormatException e) {
            throw new InvalidPackageException("invalid link.json: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidPackageException("link.json: " + e.getMessage(), e);
        }
    }

    /** The {@code link.json} tree. */
    public Map<String, Object> toJson() {
        Map<String, Object> noarch = new LinkedHashMap<>();
        if (!entryPoints.isEmpty()) {
            List<String> defs = new ArrayList<>();
            for (EntryPoint ep : entryPoints) {
                defs.add(ep.toString());
            }
            noarch.put("entry_points", defs);
        }
        noarch.put("type", noarchType);
        Map<String, Object> m = new LinkedHashMap<>();
        if (noarchType != null) {
            m.put("noarch", noarch);
        }
        m.put("package_metadata_version", packageMetadataVersion);
        return m;
    }

    /**
     * A console script {@code command = module:function}, e.g. {@code jupyter-lab = jupyterlab.labapp:main}.
     * The parts are validated because they end up in a generated Python script and a file name.
     */
    public record EntryPoint(String command, String module, String function) {
        private static final Pattern COMMAND = Pattern.compile("[A-Za-z0-9_.+-]+");
        private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

        public EntryPoint {
            if (command == null || !COMMAND.matcher(command).matches() || command.equals(".") || command.equals("..")) {
                throw new IllegalArgumentException(
                        "entry point command must be a plain file name, found '" + command + "'");
            }
            if (module == null || !DOTTED.matcher(module).matches()) {
                throw new IllegalArgumentException("entry point '" + command + "': invalid module '" + module + "'");
            }
            if (function == null || !DOTTED.matcher(function).matches()) {
                throw new IllegalArgumentException(
                        "entry point '" + command + "': invalid function '" + function + "'");
            }
        }

        /** Parses {@code name = module.sub:func}. */
        public static EntryPoint parse(String definition) {
            int colon = definition.lastIndexOf(':');
            int eq = colon < 0 ? -1 : definition.lastIndexOf('=', colon);
            if (colon < 0 || eq < 0) {
                throw new IllegalArgumentException(
                        "entry point must read 'command = module:function', found '" + definition + "'");
            }
            return new EntryPoint(
                    definition.substring(0, eq).strip(),
                    definition.substring(eq + 1, colon).strip(),
                    definition.substring(colon + 1).strip());
        }

        /** The definition as written in link.json. */
        @Override
        public String toString() {
            return command + " = " + module + ":" + function;
        }
    }
}
