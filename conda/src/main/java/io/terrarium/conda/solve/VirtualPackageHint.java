package io.terrarium.conda.solve;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says, for a virtual package ({@code __cuda}, {@code __glibc}, ...) a conflict hinges on, what the target system has
 * and how to declare a value that meets the spec ({@code --virtual-package} or {@code CONDA_OVERRIDE_*}).
 */
final class VirtualPackageHint {
    private static final Pattern VERSION_TOKEN = Pattern.compile("\\d+(?:\\.\\d+)*");

    /**
     * What a virtual package stands for, why a system may lack it, the conda variable that overrides it, the kind of
     * system whose targets honour that variable ({@code null}: every target) and a value to suggest.
     */
    private record Kind(String meaning, String whenAbsent, String overrideVariable, String system, String example) {}

    private static final Map<String, Kind> KINDS = Map.of(
            "__cuda",
                    new Kind(
                            "the CUDA version its driver supports",
                            "no CUDA driver detected",
                            "CONDA_OVERRIDE_CUDA",
                            null,
                            "12.2"),
            "__glibc",
                    new Kind("its glibc version", "no Linux system declared", "CONDA_OVERRIDE_GLIBC", "Linux", "2.28"),
            "__linux",
                    new Kind(
                            "its Linux kernel version",
                            "no Linux system declared",
                            "CONDA_OVERRIDE_LINUX",
                            "Linux",
                            "5.10"),
            "__osx", new Kind("its macOS version", "no macOS system declared", "CONDA_OVERRIDE_OSX", "macOS", "11.0"),
            "__win", new Kind("a Windows system", "no Windows system declared", "CONDA_OVERRIDE_WIN", "Windows", "0"),
            "__unix", new Kind("a Unix system", "no Unix system declared", null, null, "0"),
            "__archspec",
                    new Kind(
                            "its CPU architecture, the build string",
                            "no CPU architecture declared",
                            "CONDA_OVERRIDE_ARCHSPEC",
                            null,
                            "1"));

    private VirtualPackageHint() {}

    static boolean isVirtual(String name) {
        return name != null && name.startsWith("__");
    }

    /**
     * "the target system provides no virtual package `__cuda` (no CUDA driver detected); to solve for a system that
     * has a matching `__cuda`, declare it with --virtual-package __cuda=12 or CONDA_OVERRIDE_CUDA=12", for a spec on a
     * virtual package that the system's records ({@code provided}) do not meet.
     */
    static String explain(MatchSpec need, List<PackageRecord> provided) {
        return hostState(need.name(), provided) + "; " + override(need, provided);
    }

    /** What the target system provides of {@code name}: its values, or that it has none and why that may be. */
    static String hostState(String name, List<PackageRecord> provided) {
        Kind kind = KINDS.get(name);
        if (provided.isEmpty()) {
            String why = kind == null ? "" : " (" + kind.whenAbsent() + ")";
            return "the target system provides no virtual package `" + name + "`" + why;
        }
        List<String> values = new ArrayList<>();
        for (PackageRecord r : provided) {
            values.add("`" + name + " " + r.versionText() + buildSuffix(r) + "`");
        }
        String meaning = kind == null ? "" : " (" + kind.meaning() + ")";
        return "the target system has " + String.join(" and ", values) + meaning;
    }

    /** How to declare a value of {@code need}'s package that meets it, with the CLI option and the conda variable. */
    static String override(MatchSpec need, List<PackageRecord> provided) {
        String name = need.name();
        Kind kind = KINDS.get(name);
        String build = need.build() != null && isLiteral(need.build()) ? need.build() : null;
        String value = suggestedVersion(need, kind);
        String version = value == null ? "VERSION" : value;
        String cli = "--virtual-package " + name + "=" + version + (build == null ? "" : "=" + build);
        // only the virtual packages conda knows have an override variable
        String variable = kind == null ? null : kind.overrideVariable();
        String env = variable == null
                ? null
                : variable + "=" + ("__archspec".equals(name) ? (build == null ? "BUILD" : build) : version);
        if (kind != null && kind.system() != null && provided.isEmpty()) {
            // CONDA_OVERRIDE_OSX and friends only apply when the target platform is of that system
            return "solve for a platform that has it (--platform), or declare it with " + cli
                    + (env == null ? "" : " (" + env + " on a " + kind.system() + " target)");
        }
        return "to solve for a system that has a matching `" + name + "`, declare it with " + cli
                + (env == null ? "" : " or " + env);
    }

    /** The lowest version written in the spec that the spec accepts, else the kind's example if it fits. */
    private static String suggestedVersion(MatchSpec need, Kind kind) {
        if (need.version() == null) {
            return kind == null ? null : kind.example();
        }
        List<String> tried = new ArrayList<>();
        Matcher m = VERSION_TOKEN.matcher(need.version().toString());
        while (m.find()) {
            tried.add(m.group());
        }
        tried.sort(VirtualPackageHint::compareVersions);
        if (kind != null) {
            tried.add(kind.example());
        }
        for (String v : tried) {
            if (need.version().matches(Version.parse(v))) {
                return v;
            }
        }
        return null;
    }

    private static int compareVersions(String a, String b) {
        try {
            return Version.parse(a).compareTo(Version.parse(b));
        } catch (IllegalArgumentException e) {
            return a.compareTo(b);
        }
    }

    private static boolean isLiteral(String build) {
        return !build.isEmpty() && build.chars().noneMatch(c -> c == '*' || c == '?' || c == '^' || c == '$');
    }

    private static String buildSuffix(PackageRecord r) {
        return r.build() == null || r.build().isEmpty() || "0".equals(r.build()) ? "" : " " + r.build();
    }
}
