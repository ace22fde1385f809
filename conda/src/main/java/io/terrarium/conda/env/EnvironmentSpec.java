package io.terrarium.conda.env;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.yaml.YamlLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A conda {@code environment.yml}: name, channels, conda dependencies, an optional {@code pip:} sub-list, variables
 * and prefix (CEP 24, conda's {@code conda/env/env.py}).
 *
 * <p>{@link #parse} accepts YAML and JSON (YAML's superset) and reports problems with the line and column where they
 * are. Unknown top-level keys are dropped with a warning, as conda does; an unknown dependency sub-section is an error.
 * When a {@code pip:} sub-list is given but {@code pip} is not a dependency, {@code pip} is added in front, as conda
 * does. Immutable.
 */
public final class EnvironmentSpec {
    /** Top-level keys conda reads. */
    public static final List<String> KEYS = List.of("name", "channels", "dependencies", "variables", "prefix");
    /** Channel entry that tells conda not to add the default channels; never passed to a solver. */
    public static final String NODEFAULTS = "nodefaults";

    private final String name;
    private final List<String> channels;
    private final List<String> dependencies;
    private final List<String> pipDependencies;
    private final Map<String, String> variables;
    private final String prefix;
    private final List<String> warnings;

    private EnvironmentSpec(Builder b, List<String> warnings) {
        this.name = b.name;
        this.channels = List.copyOf(b.channels);
        this.dependencies = List.copyOf(b.dependencies);
        this.pipDependencies = List.copyOf(b.pipDependencies);
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(b.variables));
        this.prefix = b.prefix;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Parses environment.yml text (YAML or JSON).
     *
     * @throws EnvironmentSpecException naming the line, the column and the problem
     */
    public static EnvironmentSpec parse(String yaml) {
        Objects.requireNonNull(yaml, "yaml");
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel("environment.yml")
                    .setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(50)
                    .build();
            YamlLimits.check(yaml, settings);
            root = new Compose(settings).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            String context = e.getContext() != null && e.getProblem() != null ? " (" + e.getContext() + ")" : "";
            throw mark.map(m -> new EnvironmentSpecException(
                            m.getLine() + 1, m.getColumn() + 1, "invalid YAML: " + problem + context))
                    .orElseGet(() -> new EnvironmentSpecException("invalid YAML: " + problem + context));
        } catch (YamlEngineException e) {
            throw new EnvironmentSpecException("invalid YAML: " + e.getMessage());
        }
        if (root.isEmpty() || isNull(root.get())) {
            throw new EnvironmentSpecException(
                    "the environment file is empty (expected keys such as name, channels " + "and dependencies)");
        }
        return new Reader().read(root.get());
    }

    /** Starts an environment spec built in code (exports, tests). */
    public static Builder builder() {
        return new Builder();
    }

    /** The environment name, or {@code null} when not given. */
    public String name() {
        return name;
    }

    /** Channels as written, in priority order (including {@code nodefaults} if present). */
    public List<String> channels() {
        return channels;
    }

    /** Channels to pass to a solver: {@link #channels()} without {@code nodefaults}. */
    public List<String> solverChannels() {
        return channels.stream().filter(c -> !c.equals(NODEFAULTS)).toList();
    }

    /** True when the channels list contains {@code nodefaults} (do not add default channels). */
    public boolean hasNodefaults() {
        return channels.contains(NODEFAULTS);
    }

    /** Conda match specs, in file order. */
    public List<String> dependencies() {
        return dependencies;
    }

    /** Lines of the {@code pip:} sub-list (requirement specifiers or pip options), in file order. */
    public List<String> pipDependencies() {
        return pipDependencies;
    }

    /** Environment variables to set on activation, in file order. */
    public Map<String, String> variables() {
        return variables;
    }

    /** The prefix, or {@code null} when not given. */
    public String prefix() {
        return prefix;
    }

    /** Things conda would warn about (dropped unknown keys, pip added), in the order found. */
    public List<String> warnings() {
        return warnings;
    }

    /** A normalised environment.yml: keys in conda's order, block style, the pip sub-list last. */
    public String toYaml() {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (name != null) {
            doc.put("name", name);
        }
        if (!channels.isEmpty()) {
            doc.put("channels", channels);
        }
        List<Object> deps = new ArrayList<>(dependencies);
        if (!pipDependencies.isEmpty()) {
            deps.add(Map.of("pip", pipDependencies));
        }
        doc.put("dependencies", deps);
        if (!variables.isEmpty()) {
            doc.put("variables", variables);
        }
        if (prefix != null) {
            doc.put("prefix", prefix);
        }
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(4096)
                .build();
        return new Dump(settings).dumpToString(doc);
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof EnvironmentSpec s
                        && Objects.equals(name, s.name)
                        && channels.equals(s.channels)
                        && dependencies.equals(s.dependencies)
                        && pipDependencies.equals(s.pipDependencies)
                        && variables.equals(s.variables)
                        && Objects.equals(prefix, s.prefix));
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, channels, dependencies, pipDependencies, variables, prefix);
    }

    @Override
    public String toString() {
        return "EnvironmentSpec[name=" + name + ", channels=" + channels + ", dependencies=" + dependencies
                + (pipDependencies.isEmpty() ? "" : ", pip=" + pipDependencies) + "]";
    }

    /**
     * The package name a match spec string names ({@code conda-forge::numpy >=1} gives {@code numpy}), without
     * needing a full match spec parse.
     */
    static String specName(String spec) {
        String s = spec.trim();
        int colons = s.lastIndexOf("::");
        if (colons >= 0) {
            s = s.substring(colons + 2);
        }
        int end = 0;
        while (end < s.length() && "=<>!~ [;@".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        return s.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** Builds specs in code; lists default to empty. */
    public static final class Builder {
        private String name;
        private List<String> channels = new ArrayList<>();
        private List<String> dependencies = new ArrayList<>();
        private List<String> pipDependencies = new ArrayList<>();
        private Map<String, String> variables = new LinkedHashMap<>();
        private String prefix;

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder channels(List<String> v) {
            channels = new ArrayList<>(v);
            return this;
        }

        public Builder dependencies(List<String> v) {
            dependencies = new ArrayList<>(v);
            return this;
        }

        public Builder pipDependencies(List<String> v) {
            pipDependencies = new ArrayList<>(v);
            return this;
        }

        public Builder variables(Map<String, String> v) {
            variables = new LinkedHashMap<>(v);
            return this;
        }

        public Builder prefix(String v) {
            prefix = v;
            return this;
        }

        public EnvironmentSpec build() {
            return new EnvironmentSpec(this, List.of());
        }
    }

    /** Walks the YAML node tree, validating as it goes. */
    private static final class Reader {
        private final Builder b = new Builder();
        private final List<String> warnings = new ArrayList<>();

        EnvironmentSpec read(Node root) {
            if (!(root instanceof MappingNode map)) {
                throw error(
                        root,
                        "an environment file must be a mapping with keys such as name, channels and "
                                + "dependencies, found " + kind(root));
            }
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : map.getValue()) {
                Node keyNode = t.getKeyNode();
                Node value = t.getValueNode();
                String key = keyNode instanceof ScalarNode s && !isNull(s) ? s.getValue() : null;
                if (key == null) {
                    throw error(keyNode, "top-level keys must be plain names, found " + kind(keyNode));
                }
                if (!seen.add(key)) {
                    throw error(keyNode, "duplicate key '" + key + "'");
                }
                switch (key) {
                    case "name" -> b.name = name(value);
                    case "channels" -> b.channels = stringList(value, "channels", "channel names or URLs");
                    case "dependencies" -> dependencies(value);
                    case "variables" -> variables(value);
                    case "prefix" -> b.prefix = string(value, "prefix");
                    default ->
                        warnings.add(at(keyNode) + "unknown key '" + key + "' ignored (known keys: "
                                + String.join(", ", KEYS) + ")");
                }
            }
            if (!b.pipDependencies.isEmpty()
                    && b.dependencies.stream().noneMatch(d -> specName(d).equals("pip"))) {
                b.dependencies.add(0, "pip");
                warnings.add("pip dependencies are listed but pip is not: added 'pip' to the dependencies");
            }
            return new EnvironmentSpec(b, warnings);
        }

        private String name(Node value) {
            String n = string(value, "name");
            if (n == null) {
                return null;
            }
            if (n.isBlank()) {
                throw error(value, "name must not be empty");
            }
            for (char c : new char[] {'/', ' ', ':', '#'}) {
                if (n.indexOf(c) >= 0) {
                    throw error(value, "name '" + n + "' must not contain '" + c + "' (no '/', ' ', ':' or '#')");
                }
            }
            return n;
        }

        private void dependencies(Node value) {
            if (isNull(value)) {
                return;
            }
            if (!(value instanceof SequenceNode seq)) {
                throw error(value, "dependencies must be a list of strings, found " + kind(value));
            }
            for (Node item : seq.getValue()) {
                if (item instanceof MappingNode sub) {
                    for (NodeTuple t : sub.getValue()) {
                        Node k = t.getKeyNode();
                        String section = k instanceof ScalarNode s ? s.getValue() : null;
                        if (!"pip".equals(section)) {
                            throw error(
                                    k,
                                    "unknown dependency section '" + (section == null ? kind(k) : section)
                                            + "' (only 'pip' is allowed)");
                        }
                        b.pipDependencies.addAll(
                                stringList(t.getValueNode(), "pip dependencies", "pip requirement strings"));
                    }
                } else if (item instanceof ScalarNode s && !isNull(s)) {
                    String spec = s.getValue().trim();
                    if (spec.isEmpty()) {
                        throw error(item, "empty dependency");
                    }
                    validateSpec(item, spec);
                    b.dependencies.add(spec);
                } else {
                    throw error(
                            item,
                            "dependencies must be a list of strings (and an optional pip: list), found " + kind(item));
                }
            }
        }

        private void validateSpec(Node at, String spec) {
            try {
                MatchSpec.parse(spec);
            } catch (RuntimeException e) {
                String why = String.valueOf(e.getMessage());
                throw error(at, why.contains(spec) ? why : "invalid dependency '" + spec + "': " + why);
            }
        }

        private void variables(Node value) {
            if (isNull(value)) {
                return;
            }
            if (!(value instanceof MappingNode map)) {
                throw error(value, "variables must be a mapping of names to values, found " + kind(value));
            }
            for (NodeTuple t : map.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode ks) || isNull(k) || ks.getValue().isBlank()) {
                    throw error(k, "variable names must be non-empty strings, found " + kind(k));
                }
                Node v = t.getValueNode();
                if (!(v instanceof ScalarNode vs)) {
                    throw error(v, "variable '" + ks.getValue() + "' must have a string value, found " + kind(v));
                }
                if (isNull(v)) {
                    throw error(v, "variable '" + ks.getValue() + "' has no value");
                }
                if (b.variables.put(ks.getValue(), vs.getValue()) != null) {
                    throw error(k, "duplicate variable '" + ks.getValue() + "'");
                }
            }
        }

        private List<String> stringList(Node value, String what, String itemKind) {
            if (isNull(value)) {
                return new ArrayList<>();
            }
            if (!(value instanceof SequenceNode seq)) {
                throw error(value, what + " must be a list of " + itemKind + ", found " + kind(value));
            }
            List<String> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                if (!(item instanceof ScalarNode s)
                        || isNull(item)
                        || s.getValue().isBlank()) {
                    throw error(item, what + " must be a list of " + itemKind + ", found " + kind(item));
                }
                out.add(s.getValue().trim());
            }
            return out;
        }

        private static String string(Node value, String what) {
            if (isNull(value)) {
                return null;
            }
            if (!(value instanceof ScalarNode s)) {
                throw error(value, what + " must be a string, found " + kind(value));
            }
            return s.getValue();
        }

        private static String kind(Node n) {
            if (n instanceof MappingNode) {
                return "a mapping";
            }
            if (n instanceof SequenceNode) {
                return "a list";
            }
            if (isNull(n)) {
                return "an empty value";
            }
            if (n instanceof ScalarNode s) {
                return "'" + s.getValue() + "'";
            }
            return "an unsupported value";
        }

        private static String at(Node n) {
            return n.getStartMark()
                    .map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ": ")
                    .orElse("");
        }

        private static EnvironmentSpecException error(Node n, String problem) {
            return n.getStartMark()
                    .map(m -> new EnvironmentSpecException(m.getLine() + 1, m.getColumn() + 1, problem))
                    .orElseGet(() -> new EnvironmentSpecException(problem));
        }
    }
}
