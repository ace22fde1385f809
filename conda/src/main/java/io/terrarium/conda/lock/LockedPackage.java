package io.terrarium.conda.lock;

import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.pip.version.PipVersion;
import io.terrarium.conda.types.PackageRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code package} entry of a conda-lock v1 file: a conda or pip artifact pinned by URL and hash for one platform.
 *
 * <p>{@code dependencies} maps a name to its constraint; {@code name + " " + constraint} is the match spec (conda) or
 * requirement (pip), an empty constraint meaning any version.
 */
public record LockedPackage(
        String name,
        String version,
        Manager manager,
        String platform,
        Map<String, String> dependencies,
        String url,
        String md5,
        String sha256,
        String category,
        boolean optional,
        String build) {

    /** Which installer the entry is for. */
    public enum Manager {
        CONDA,
        PIP;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Manager parse(String s) {
            return switch (s) {
                case "conda" -> CONDA;
                case "pip" -> PIP;
                default -> null;
            };
        }
    }

    public static final String MAIN = "main";

    public LockedPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(platform, "platform");
        dependencies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dependencies));
        category = category == null ? MAIN : category;
    }

    /**
     * The lock entry for a solved conda record on {@code platform} (noarch records are repeated per platform, as
     * conda-lock does).
     *
     * @throws LockfileFormatException when the record has neither URL nor hashes, which a lockfile cannot do without
     */
    public static LockedPackage of(PackageRecord r, String platform) {
        if (r.url() == null || r.url().isBlank()) {
            throw new LockfileFormatException("cannot lock " + r.dist() + ": the record has no URL");
        }
        if (r.md5() == null && r.sha256() == null) {
            throw new LockfileFormatException(
                    "cannot lock " + r.dist() + ": the repodata gives neither md5 nor sha256");
        }
        return new LockedPackage(
                r.name(),
                r.versionText(),
                Manager.CONDA,
                platform,
                dependencyMap(r.depends()),
                r.url(),
                r.md5(),
                r.sha256(),
                MAIN,
                false,
                r.build());
    }

    /**
     * The lock entry for a pinned wheel on {@code platform}, as conda-lock writes pip entries: {@code manager: pip},
     * the wheel's URL, {@code hash: {sha256}} and the requirements it brought in as {@code dependencies}.
     *
     * @throws LockfileFormatException when the index gave no sha256, without which the pin is not reproducible
     */
    public static LockedPackage of(PinnedWheel w, String platform) {
        if (w.sha256() == null || w.sha256().isBlank()) {
            throw new LockfileFormatException("cannot lock " + w.filename() + ": the index gives no sha256 for it");
        }
        return new LockedPackage(
                w.name().toString(),
                w.version().toString(),
                Manager.PIP,
                platform,
                w.dependencies(),
                w.url(),
                null,
                w.sha256(),
                MAIN,
                false,
                null);
    }

    /**
     * The wheel this pip entry pins, to install without resolving; every locked wheel counts as requested, as
     * conda-lock names each one to pip.
     *
     * @throws LockfileFormatException for a conda entry, or a pip entry that is not a wheel with a sha256
     */
    public PinnedWheel toPinnedWheel() {
        if (manager != Manager.PIP) {
            throw new LockfileFormatException("'" + name + "' is a conda package, not a pip wheel");
        }
        String path = url.replaceAll("[#?].*$", "");
        String filename = java.net.URLDecoder.decode(
                path.substring(path.lastIndexOf('/') + 1), java.nio.charset.StandardCharsets.UTF_8);
        if (!filename.endsWith(".whl")) {
            throw new LockfileFormatException("pip package " + name + " is locked to " + filename
                    + ", which is not a wheel (source distributions are not installed)");
        }
        if (sha256 == null) {
            throw new LockfileFormatException("pip package " + name + " is locked without a sha256");
        }
        try {
            return new PinnedWheel(
                    PackageName.of(name), PipVersion.parse(version), filename, url, sha256, true, dependencies);
        } catch (RuntimeException e) {
            throw new LockfileFormatException("pip package " + name + " " + version + ": " + e.getMessage(), e);
        }
    }

    /**
     * The conda record this entry pins: identity from the URL's file name ({@code build} key when present), channel
     * and subdir from the URL, depends from {@code dependencies}, hashes from {@code hash}.
     *
     * @throws LockfileFormatException for a pip entry or a URL that is not a conda archive
     */
    public PackageRecord toRecord() {
        if (manager != Manager.CONDA) {
            throw new LockfileFormatException("'" + name + "' is a pip package, not a conda record");
        }
        PackageUrl parsed = PackageUrl.parse(url);
        String buildString = build != null && !build.isBlank() ? build : parsed.build();
        return parsed.toRecordBuilder()
                .name(name)
                .version(version)
                .build(buildString)
                .buildNumber(PackageUrl.buildNumberGuess(buildString))
                .depends(dependencySpecs())
                .md5(md5)
                .sha256(sha256)
                .build();
    }

    /** The {@code dependencies} map as match spec strings ({@code "python >=3.8"}). */
    public List<String> dependencySpecs() {
        List<String> specs = new ArrayList<>(dependencies.size());
        dependencies.forEach((n, c) -> {
            String constraint = c == null ? "" : c.strip();
            if (constraint.isEmpty() || constraint.equals("*")) {
                specs.add(n);
            } else if (constraint.startsWith("[")) {
                specs.add(n + constraint);
            } else {
                specs.add(n + " " + constraint);
            }
        });
        return specs;
    }

    /**
     * Splits match spec strings into conda-lock's {@code {name: constraint}} form. The name ends at the first
     * space or operator; a name repeated keeps its first constraint, as a YAML mapping holds one value per key.
     */
    static Map<String, String> dependencyMap(List<String> depends) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String spec : depends) {
            String s = spec.strip();
            int end = 0;
            while (end < s.length() && " =<>!~[".indexOf(s.charAt(end)) < 0) {
                end++;
            }
            String depName = s.substring(0, end);
            String rest = s.substring(end).strip();
            if (!depName.isEmpty()) {
                map.putIfAbsent(depName, rest);
            }
        }
        return map;
    }

    /** Entries are unique by these (conda-lock's rule); the same package in two categories is installed once. */
    String key() {
        return manager.yamlName() + ":" + platform + ":" + name + ":" + category;
    }
}
