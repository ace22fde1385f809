package io.terrarium.conda.lock;

import io.terrarium.conda.yaml.YamlLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads and writes conda-lock v1 YAML.
 *
 * <p>Reading works on the YAML node tree, so scalars keep their exact text ({@code version: 1.10} stays
 * {@code "1.10"}, not the float 1.1) and errors name the line. It accepts what conda-lock and micromamba accept:
 * keys in any order, {@code version} missing (= 1), {@code category} missing (= main), {@code optional} missing
 * (= category is not main), {@code dependencies} missing (= none), unknown keys ignored. Writing follows conda-lock:
 * its header comment, keys sorted, {@code version: 1} last, strings quoted wherever a YAML 1.1 reader would mistake
 * them for numbers, booleans or dates.
 */
public final class CondaLockYaml {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final int MAX_CODE_POINTS = 256 * 1024 * 1024;

    private CondaLockYaml() {}

    /** True when {@code text} looks like a conda-lock YAML file (has a top-level {@code package:} or {@code metadata:} key). */
    public static boolean looksLikeCondaLock(String text) {
        return text.lines().anyMatch(l -> l.startsWith("package:") || l.startsWith("metadata:"));
    }

    /** Reads a conda-lock file; errors name the file and line. */
    public static CondaLock read(Path file) throws IOException {
        return parse(Lockfiles.readText(file, "a conda-lock file"), file.toString());
    }

    /**
     * Parses conda-lock YAML text.
     *
     * @param source names the text in error messages
     * @throws LockfileFormatException for invalid YAML, an unsupported {@code version}, or a package entry missing a
     *                                 required key or holding a malformed value
     */
    public static CondaLock parse(String text, String source) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        Optional<Node> root;
        try {
            YamlLimits.check(text, settings);
            root = new Compose(settings).composeString(text);
        } catch (YamlEngineException e) {
            throw new LockfileFormatException(source + ": not valid YAML: " + oneLine(e.getMessage()), e);
        }
        if (root.isEmpty()) {
            throw new LockfileFormatException(source + ": empty file, not a conda-lock file");
        }
        Reader r = new Reader(source);
        Map<String, Node> top = r.mapping(root.get(), "the document");

        Node versionNode = top.get("version");
        if (versionNode != null) {
            String v = r.scalar(versionNode, "version");
            if (!v.equals(String.valueOf(CondaLock.VERSION))) {
                throw r.error(
                        versionNode,
                        "unsupported lockfile version " + v + " (only conda-lock version "
                                + CondaLock.VERSION + " files can be read"
                                + (v.matches("[2-9]") ? "; pixi.lock files are a different format" : "") + ")");
            }
        }
        CondaLock.Metadata metadata = top.containsKey("metadata") && !r.isNull(top.get("metadata"))
                ? r.metadata(top.get("metadata"))
                : new CondaLock.Metadata(Map.of(), List.of(), List.of(), List.of(), Map.of());
        List<LockedPackage> packages = new ArrayList<>();
        Node pkgs = top.get("package");
        if (pkgs != null && !r.isNull(pkgs)) {
            List<Node> entries = r.sequence(pkgs, "package");
            for (int i = 0; i < entries.size(); i++) {
                packages.add(r.lockedPackage(entries.get(i), i));
            }
        }
        return new CondaLock(metadata, packages);
    }

    /** The lockfile as conda-lock writes it. */
    public static String render(CondaLock lock) {
        return HEADER + YamlOutput.dump(tree(lock));
    }

    /**
     * The lockfile's document tree with conda-lock's keys ({@code metadata}, {@code package}, {@code version}), as
     * the YAML file holds it and conda-store's lockfile routes serve it as JSON.
     */
    public static Map<String, Object> tree(CondaLock lock) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("metadata", metadataTree(lock.metadata()));
        List<Object> pkgs = new ArrayList<>();
        for (LockedPackage p : lock.packages()) {
            pkgs.add(packageTree(p));
        }
        doc.put("package", pkgs);
        doc.put("version", CondaLock.VERSION);
        return doc;
    }

    /** Writes {@link #render} to {@code file} atomically. */
    public static void write(Path file, CondaLock lock) throws IOException {
        AtomicFiles.writeString(file, render(lock));
    }

    private static final String HEADER = """
            # This lock file was generated by Terrarium in the conda-lock v1 format. DO NOT EDIT!
            #
            # A "lock file" contains a concrete list of package versions (with checksums) to be installed. Unlike
            # e.g. `conda env create`, the resulting environment will not change as new package versions become
            # available, unless you explicitly update the lock file.
            #
            # Install it with:
            #     terrarium-conda install --prefix PREFIX --lockfile conda-lock.yml
            # or: conda-lock install -p PREFIX conda-lock.yml
            """;

    private static Map<String, Object> metadataTree(CondaLock.Metadata md) {
        Map<String, Object> m = new TreeMap<>();
        List<Object> channels = new ArrayList<>();
        for (CondaLock.LockChannel c : md.channels()) {
            Map<String, Object> ch = new LinkedHashMap<>();
            ch.put("url", c.url());
            ch.put("used_env_vars", c.usedEnvVars());
            channels.add(ch);
        }
        m.put("channels", channels);
        m.put("content_hash", new TreeMap<>(md.contentHash()));
        m.put("platforms", md.platforms());
        m.put("sources", md.sources());
        m.putAll(md.optional());
        return m;
    }

    private static Map<String, Object> packageTree(LockedPackage p) {
        Map<String, Object> m = new TreeMap<>();
        if (p.build() != null && p.manager() == LockedPackage.Manager.CONDA) {
            m.put("build", p.build());
        }
        m.put("category", p.category());
        m.put("dependencies", new LinkedHashMap<>(p.dependencies()));
        Map<String, Object> hash = new LinkedHashMap<>();
        if (p.md5() != null) {
            hash.put("md5", p.md5());
        }
        if (p.sha256() != null) {
            hash.put("sha256", p.sha256());
        }
        m.put("hash", hash);
        m.put("manager", p.manager().yamlName());
        m.put("name", p.name());
        m.put("optional", p.optional());
        m.put("platform", p.platform());
        m.put("url", p.url());
        m.put("version", p.version());
        return m;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    /** Walks the node tree with error messages that say where. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        LockfileFormatException error(Node node, String message) {
            String where =
                    node.getStartMark().map(m -> " line " + (m.getLine() + 1)).orElse("");
            return new LockfileFormatException(source + where + ": " + message);
        }

        boolean isNull(Node node) {
            return node instanceof ScalarNode s
                    && s.isPlain()
                    && (s.getValue().isEmpty()
                            || s.getValue().equals("null")
                            || s.getValue().equals("~"));
        }

        Map<String, Node> mapping(Node node, String what) {
            if (!(node instanceof MappingNode m)) {
                throw error(node, what + " must be a mapping (key: value lines), found " + kind(node));
            }
            Map<String, Node> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode(), "a key in " + what);
                if (out.put(key, t.getValueNode()) != null) {
                    throw error(t.getKeyNode(), "duplicate key '" + key + "' in " + what);
                }
            }
            return out;
        }

        List<Node> sequence(Node node, String what) {
            if (!(node instanceof SequenceNode s)) {
                throw error(node, what + " must be a list, found " + kind(node));
            }
            return s.getValue();
        }

        String scalar(Node node, String what) {
            if (!(node instanceof ScalarNode s)) {
                throw error(node, what + " must be a plain value, found " + kind(node));
            }
            return s.getValue();
        }

        List<String> scalars(Node node, String what) {
            if (isNull(node)) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (Node n : sequence(node, what)) {
                out.add(scalar(n, "an item of " + what));
            }
            return out;
        }

        Map<String, String> stringMap(Node node, String what) {
            Map<String, String> out = new LinkedHashMap<>();
            if (isNull(node)) {
                return out;
            }
            mapping(node, what).forEach((k, v) -> out.put(k, isNull(v) ? "" : scalar(v, what + "." + k)));
            return out;
        }

        CondaLock.Metadata metadata(Node node) {
            Map<String, Node> m = mapping(node, "metadata");
            Map<String, String> hashes = m.containsKey("content_hash")
                    ? stringMap(m.get("content_hash"), "metadata.content_hash")
                    : Map.of();
            List<CondaLock.LockChannel> channels = new ArrayList<>();
            if (m.containsKey("channels") && !isNull(m.get("channels"))) {
                for (Node c : sequence(m.get("channels"), "metadata.channels")) {
                    if (c instanceof ScalarNode s) {
                        channels.add(CondaLock.LockChannel.of(s.getValue()));
                        continue;
                    }
                    Map<String, Node> cm = mapping(c, "a channel of metadata.channels");
                    Node url = cm.get("url");
                    if (url == null) {
                        throw error(c, "a channel of metadata.channels has no 'url'");
                    }
                    List<String> vars = cm.containsKey("used_env_vars")
                            ? scalars(cm.get("used_env_vars"), "used_env_vars")
                            : List.of();
                    channels.add(new CondaLock.LockChannel(scalar(url, "channel url"), vars));
                }
            }
            List<String> platforms =
                    m.containsKey("platforms") ? scalars(m.get("platforms"), "metadata.platforms") : List.of();
            List<String> sources = m.containsKey("sources") ? scalars(m.get("sources"), "metadata.sources") : List.of();
            Map<String, Object> optional = new LinkedHashMap<>();
            for (var e : m.entrySet()) {
                if (List.of("content_hash", "channels", "platforms", "sources").contains(e.getKey())) {
                    continue;
                }
                optional.put(e.getKey(), plain(e.getValue()));
            }
            return new CondaLock.Metadata(hashes, channels, platforms, sources, optional);
        }

        /** A node as plain Java values (maps, lists, strings), for metadata sections kept verbatim. */
        Object plain(Node node) {
            if (isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode s) {
                return s.getValue();
            }
            if (node instanceof SequenceNode s) {
                return s.getValue().stream().map(this::plain).toList();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            mapping(node, "metadata").forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }

        LockedPackage lockedPackage(Node node, int index) {
            Map<String, Node> m = mapping(node, "package entry " + (index + 1));
            String name = m.containsKey("name") ? scalar(m.get("name"), "name") : null;
            String label = "package entry " + (index + 1) + (name != null ? " (" + name + ")" : "");
            for (String key : List.of("name", "version", "manager", "platform", "url", "hash")) {
                if (!m.containsKey(key) || isNull(m.get(key))) {
                    throw error(node, label + " has no '" + key + "'");
                }
            }
            String managerText = scalar(m.get("manager"), "manager");
            LockedPackage.Manager manager = LockedPackage.Manager.parse(managerText);
            if (manager == null) {
                throw error(m.get("manager"), label + ": manager must be 'conda' or 'pip', not '" + managerText + "'");
            }
            Map<String, String> hash = stringMap(m.get("hash"), label + " hash");
            String md5 = checksum(hash.get("md5"), 32, m.get("hash"), label + " hash.md5");
            String sha256 = checksum(hash.get("sha256"), 64, m.get("hash"), label + " hash.sha256");
            if (md5 == null && sha256 == null) {
                throw error(m.get("hash"), label + ": hash has neither md5 nor sha256");
            }
            String url = scalar(m.get("url"), "url");
            if (manager == LockedPackage.Manager.CONDA && !PackageUrl.looksLikePackage(url)) {
                throw error(m.get("url"), label + ": url is not a conda package (.conda or .tar.bz2): " + url);
            }
            String category = m.containsKey("category") && !isNull(m.get("category"))
                    ? scalar(m.get("category"), "category")
                    : LockedPackage.MAIN;
            boolean optional = !category.equals(LockedPackage.MAIN);
            if (m.containsKey("optional") && !isNull(m.get("optional"))) {
                String o = scalar(m.get("optional"), "optional").toLowerCase(Locale.ROOT);
                if (!o.equals("true") && !o.equals("false")) {
                    throw error(m.get("optional"), label + ": optional must be true or false, not '" + o + "'");
                }
                optional = o.equals("true");
            }
            Map<String, String> deps = m.containsKey("dependencies")
                    ? stringMap(m.get("dependencies"), label + " dependencies")
                    : Map.of();
            String build = m.containsKey("build") && !isNull(m.get("build")) ? scalar(m.get("build"), "build") : null;
            return new LockedPackage(
                    name,
                    scalar(m.get("version"), "version"),
                    manager,
                    scalar(m.get("platform"), "platform"),
                    deps,
                    url,
                    md5,
                    sha256,
                    category,
                    optional,
                    build);
        }

        private String checksum(String value, int length, Node where, String what) {
            if (value == null || value.isEmpty()) {
                return null;
            }
            if (value.length() != length || !HEX.matcher(value).matches()) {
                throw error(where, what + " '" + value + "' is not " + length + " hex digits");
            }
            return value.toLowerCase(Locale.ROOT);
        }

        private static String kind(Node node) {
            if (node instanceof ScalarNode s) {
                return "'" + s.getValue() + "'";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            return "a mapping";
        }
    }
}
