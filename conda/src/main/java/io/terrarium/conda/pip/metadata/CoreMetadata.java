package io.terrarium.conda.pip.metadata;

import io.terrarium.conda.pip.requirement.InvalidRequirementException;
import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.requirement.Requirement;
import io.terrarium.conda.pip.version.InvalidPipVersionException;
import io.terrarium.conda.pip.version.PipVersion;
import io.terrarium.conda.pip.version.SpecifierSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of a distribution's core metadata that resolving needs, parsed from its RFC 822-style header block
 * (continuation lines folded; the body after the blank line ignored).
 *
 * @param name           the {@code Name}
 * @param version        the {@code Version}
 * @param requiresDist   the {@code Requires-Dist} requirements, in order
 * @param requiresPython the {@code Requires-Python} specifiers ({@link SpecifierSet#any()} when absent)
 * @param providesExtra  the normalised {@code Provides-Extra} names
 */
public record CoreMetadata(
        PackageName name,
        PipVersion version,
        List<Requirement> requiresDist,
        SpecifierSet requiresPython,
        Set<String> providesExtra) {

    public CoreMetadata {
        requiresDist = List.copyOf(requiresDist);
        providesExtra = Set.copyOf(providesExtra);
    }

    /** Parses METADATA bytes (UTF-8); {@code source} names them in errors. */
    public static CoreMetadata parse(byte[] data, String source) {
        Map<String, List<String>> headers = headers(new String(data, StandardCharsets.UTF_8));
        String name = first(headers, "name");
        String version = first(headers, "version");
        if (name == null || version == null) {
            throw new InvalidMetadataException("metadata of " + source + " lacks Name or Version");
        }
        try {
            List<Requirement> reqs = new ArrayList<>();
            for (String r : headers.getOrDefault("requires-dist", List.of())) {
                reqs.add(Requirement.parse(r));
            }
            String rp = first(headers, "requires-python");
            Set<String> extras = new TreeSet<>();
            for (String e : headers.getOrDefault("provides-extra", List.of())) {
                extras.add(PackageName.normalize(e.strip()));
            }
            return new CoreMetadata(
                    PackageName.of(name),
                    PipVersion.parse(version.strip()),
                    reqs,
                    rp == null ? SpecifierSet.any() : SpecifierSet.parse(rp),
                    extras);
        } catch (InvalidRequirementException | InvalidPipVersionException e) {
            throw new InvalidMetadataException("metadata of " + source + ": " + e.getMessage(), e);
        }
    }

    private static String first(Map<String, List<String>> headers, String key) {
        List<String> v = headers.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Header name (lower case) to values, stopping at the first blank line. */
    static Map<String, List<String>> headers(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String key = null;
        StringBuilder value = null;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && key != null) {
                value.append('\n').append(line.strip());
                continue;
            }
            if (key != null) {
                out.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(value.toString().strip());
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                key = null;
                continue;
            }
            key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            value = new StringBuilder(line.substring(colon + 1));
        }
        if (key != null) {
            out.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(value.toString().strip());
        }
        return out;
    }
}
