package io.terrarium.domain.model.specification;

import io.terrarium.domain.model.shared.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A conda-lock v1 lockfile submitted as the specification of an environment ({@code is_lockfile}): installed
 * exactly as written, without solving.
 */
public final class LockfileSpecification implements SpecificationContent {

    private final String name;
    private final String description;
    /** The lockfile without its {@code version} key (conda-store removes it on input). */
    private final Map<String, Object> lockfile;

    private LockfileSpecification(String name, String description, Map<String, Object> lockfile) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description == null ? "" : description;
        this.lockfile = lockfile;
    }

    /**
     * @param text conda-lock YAML (or JSON) text
     * @param name the environment name ({@code environment_name}); required for lockfiles
     */
    public static LockfileSpecification parse(String text, String name, String description) {
        return fromTree(SpecificationText.parse(text), name, description);
    }

    /**
     * Checks a parsed conda-lock tree (as {@link #parse} reads it from text, or as {@link #toTree} stored it).
     *
     * @param name the environment name ({@code environment_name})
     */
    public static LockfileSpecification fromTree(Object tree, String name, String description) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecificationException("environment_name is required when is_lockfile is true");
        }
        String problem = Names.problem("environment", name);
        if (problem != null) {
            throw new InvalidSpecificationException(problem);
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new InvalidSpecificationException(
                    "lockfile must be a conda-lock mapping with 'metadata' and 'package'");
        }
        Map<String, Object> lock = new LinkedHashMap<>();
        map.forEach((k, v) -> lock.put(String.valueOf(k), v));
        Object version = lock.remove("version");
        if (version != null && !(version instanceof Number n && n.longValue() == 1 && n.doubleValue() == 1.0)) {
            throw new InvalidSpecificationException(
                    "lockfile version " + version + " is not supported; only version 1 is");
        }
        if (!(lock.get("metadata") instanceof Map<?, ?>)) {
            throw new InvalidSpecificationException("lockfile has no 'metadata' mapping");
        }
        if (!(lock.get("package") instanceof List<?> packages)) {
            throw new InvalidSpecificationException("lockfile has no 'package' list");
        }
        for (int i = 0; i < packages.size(); i++) {
            if (!(packages.get(i) instanceof Map<?, ?> p)
                    || !(p.get("name") instanceof String)
                    || p.get("url") == null
                    || p.get("version") == null) {
                throw new InvalidSpecificationException(
                        "lockfile package " + (i + 1) + " needs at least name, version and url");
            }
        }
        return new LockfileSpecification(name, description, lock);
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
        return true;
    }

    /** @return the lockfile as conda-lock writes it, with {@code version: 1} put back first */
    public Map<String, Object> lockfile() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", 1L);
        out.putAll(lockfile);
        return out;
    }

    /** @return {@link #lockfile()} as block YAML text, the conda-lock file the build installs */
    public String yaml() {
        return new Dump(DumpSettings.builder()
                        .setDefaultFlowStyle(FlowStyle.BLOCK)
                        .build())
                .dumpToString(lockfile());
    }

    @Override
    public Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", name);
        tree.put("description", description);
        tree.put("lockfile", lockfile());
        return tree;
    }
}
