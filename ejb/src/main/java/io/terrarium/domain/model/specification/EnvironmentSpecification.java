package io.terrarium.domain.model.specification;

import io.terrarium.domain.model.shared.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An environment specification ({@code environment.yml}) checked against conda-store's schema: a valid name,
 * channels as strings, dependencies as match spec strings or one {@code pip:} list, string/int variables.
 *
 * <p>Immutable; the {@code with...} methods return modified copies (used when settings inject channels and packages).
 */
public final class EnvironmentSpecification implements SpecificationContent {

    private static final Pattern PIP_OPTION = Pattern.compile("^--(index-url|extra-index-url|trusted-host)[ =].+");
    private static final Pattern PEP508_START = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*.*", Pattern.DOTALL);

    private final String name;
    private final String description;
    private final List<String> channels;
    private final List<String> condaDependencies;
    /** null when the specification has no pip section */
    private final List<String> pipDependencies;
    /** null when absent */
    private final Map<String, Object> variables;

    private final String prefix;

    public EnvironmentSpecification(
            String name,
            String description,
            List<String> channels,
            List<String> condaDependencies,
            List<String> pipDependencies,
            Map<String, Object> variables,
            String prefix) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description == null ? "" : description;
        this.channels = List.copyOf(channels);
        this.condaDependencies = List.copyOf(condaDependencies);
        this.pipDependencies = pipDependencies == null ? null : List.copyOf(pipDependencies);
        this.variables = variables == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        this.prefix = prefix;
    }

    /** Parses and validates YAML or JSON text. */
    public static EnvironmentSpecification parse(String text) {
        return fromTree(SpecificationText.parse(text));
    }

    /** Validates a parsed tree against conda-store's CondaSpecification schema. */
    public static EnvironmentSpecification fromTree(Object tree) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new InvalidSpecificationException(
                    "specification must be a mapping with at least 'name' (and usually 'channels' and 'dependencies')");
        }
        Object nameValue = map.get("name");
        if (!(nameValue instanceof String name)) {
            throw new InvalidSpecificationException(
                    nameValue == null ? "specification has no 'name'" : "specification 'name' must be a string");
        }
        String problem = Names.problem("environment", name);
        if (problem != null) {
            throw new InvalidSpecificationException(problem);
        }
        List<String> channels = stringList(map.get("channels"), "channels");
        List<String> conda = new ArrayList<>();
        List<String> pip = null;
        Object deps = map.get("dependencies");
        if (deps != null) {
            if (!(deps instanceof List<?> list)) {
                throw new InvalidSpecificationException("'dependencies' must be a list");
            }
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (item instanceof String s) {
                    if (s.isBlank()) {
                        throw new InvalidSpecificationException("dependency " + (i + 1) + " is empty");
                    }
                    conda.add(s.trim());
                } else if (item instanceof Map<?, ?> sub && sub.size() == 1 && sub.containsKey("pip")) {
                    if (pip == null) {
                        pip = new ArrayList<>();
                    }
                    for (String requirement : stringList(sub.get("pip"), "pip")) {
                        pip.add(validatePip(requirement));
                    }
                } else {
                    throw new InvalidSpecificationException("dependency " + (i + 1) + " (" + item
                            + ") must be a match spec string such as 'numpy>=1.20' or a 'pip:' list");
                }
            }
        }
        Map<String, Object> variables = null;
        Object vars = map.get("variables");
        if (vars instanceof List<?> none && none.isEmpty()) {
            // conda-store's UI sends "variables: []" when it saves an environment that has none
            vars = null;
        }
        if (vars != null) {
            if (!(vars instanceof Map<?, ?> vm)) {
                throw new InvalidSpecificationException(
                        "'variables' must be a mapping of names to strings or integers");
            }
            variables = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : vm.entrySet()) {
                Object v = e.getValue();
                if (!(v instanceof String || v instanceof Integer || v instanceof Long)) {
                    throw new InvalidSpecificationException(
                            "variable '" + e.getKey() + "' must be a string or an integer");
                }
                variables.put(String.valueOf(e.getKey()), v instanceof Integer n ? Long.valueOf(n) : v);
            }
        }
        Object prefix = map.get("prefix");
        if (prefix != null && !(prefix instanceof String)) {
            throw new InvalidSpecificationException("'prefix' must be a string");
        }
        Object description = map.get("description");
        if (description != null && !(description instanceof String)) {
            throw new InvalidSpecificationException("'description' must be a string");
        }
        return new EnvironmentSpecification(
                name, (String) description, channels, conda, pip, variables, (String) prefix);
    }

    private static List<String> stringList(Object value, String field) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidSpecificationException("'" + field + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw new InvalidSpecificationException(
                        "'" + field + "' must be a list of non-empty strings, got " + item);
            }
            out.add(s.trim());
        }
        return out;
    }

    private static String validatePip(String requirement) {
        if (requirement.startsWith("-")) {
            if (PIP_OPTION.matcher(requirement).matches()) {
                return requirement;
            }
            throw new InvalidSpecificationException("pip option '" + requirement
                    + "' is not allowed; only --index-url, --extra-index-url and --trusted-host are");
        }
        if (!PEP508_START.matcher(requirement).matches()) {
            throw new InvalidSpecificationException(
                    "pip requirement '" + requirement + "' is not a PEP 508 requirement");
        }
        return requirement;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isLockfile() {
        return false;
    }

    public List<String> channels() {
        return channels;
    }

    /** @return the conda match specs, in the order written */
    public List<String> condaDependencies() {
        return condaDependencies;
    }

    /** @return the pip requirements, or null when there is no pip section */
    public List<String> pipDependencies() {
        return pipDependencies;
    }

    public Map<String, Object> variables() {
        return variables;
    }

    public String prefix() {
        return prefix;
    }

    public EnvironmentSpecification withChannels(List<String> newChannels) {
        return new EnvironmentSpecification(
                name, description, newChannels, condaDependencies, pipDependencies, variables, prefix);
    }

    public EnvironmentSpecification withCondaDependencies(List<String> deps) {
        return new EnvironmentSpecification(name, description, channels, deps, pipDependencies, variables, prefix);
    }

    public EnvironmentSpecification withPipDependencies(List<String> deps) {
        return new EnvironmentSpecification(name, description, channels, condaDependencies, deps, variables, prefix);
    }

    /** The pydantic model dump conda-store hashes: all six fields, pip as a trailing {@code {"pip": [...]}} item. */
    @Override
    public Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", name);
        tree.put("channels", new ArrayList<>(channels));
        List<Object> deps = new ArrayList<>(condaDependencies);
        if (pipDependencies != null) {
            Map<String, Object> pip = new LinkedHashMap<>();
            pip.put("pip", new ArrayList<>(pipDependencies));
            deps.add(pip);
        }
        tree.put("dependencies", deps);
        tree.put("variables", variables == null ? null : new LinkedHashMap<>(variables));
        tree.put("prefix", prefix);
        tree.put("description", description);
        return tree;
    }
}
