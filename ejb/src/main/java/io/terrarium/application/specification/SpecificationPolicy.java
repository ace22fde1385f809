package io.terrarium.application.specification;

import io.terrarium.application.settings.EffectiveSettings;
import io.terrarium.application.settings.SettingKey;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.MatchSpecParseException;
import io.terrarium.domain.model.specification.EnvironmentSpecification;
import io.terrarium.domain.model.specification.InvalidSpecificationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * conda-store's specification rules applied with the settings in force: default channels, the channel allow-list,
 * default, included and required pip and conda packages, and match spec syntax.
 */
public final class SpecificationPolicy {

    private static final Pattern CONDA_NAME = Pattern.compile("^\\s*(?:[^:\\s]+::)?([A-Za-z0-9_.*-][A-Za-z0-9_.+*-]*)");
    private static final Pattern PIP_NAME = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");

    private final EffectiveSettings settings;
    private final UnaryOperator<String> channelNormalizer;

    /**
     * @param channelNormalizer turns a channel as written into its canonical URL, so names and URLs compare equal
     */
    public SpecificationPolicy(EffectiveSettings settings, UnaryOperator<String> channelNormalizer) {
        this.settings = settings;
        this.channelNormalizer = channelNormalizer;
    }

    /**
     * @return the specification with defaults and included packages added
     * @throws InvalidSpecificationException when a rule is broken
     */
    public EnvironmentSpecification apply(EnvironmentSpecification spec) {
        for (String dependency : spec.condaDependencies()) {
            checkMatchSpec(dependency);
        }
        EnvironmentSpecification result = spec;
        if (result.channels().isEmpty()) {
            result = result.withChannels(settings.list(SettingKey.CONDA_DEFAULT_CHANNELS));
        }
        List<String> allowed = settings.list(SettingKey.CONDA_ALLOWED_CHANNELS);
        if (!allowed.isEmpty()) {
            Set<String> allowedNormalized = normalized(allowed);
            Set<String> notAllowed = new TreeSet<>(normalized(result.channels()));
            notAllowed.removeAll(allowedNormalized);
            if (!notAllowed.isEmpty()) {
                throw new InvalidSpecificationException(
                        "Conda channels " + notAllowed + " not allowed in specification; allowed channels: " + allowed);
            }
        }
        result = applyPip(result);
        return applyConda(result);
    }

    private EnvironmentSpecification applyPip(EnvironmentSpecification spec) {
        List<String> pip = spec.pipDependencies() == null ? new ArrayList<>() : new ArrayList<>(spec.pipDependencies());
        boolean changed = false;
        List<String> defaults = settings.list(SettingKey.PYPI_DEFAULT_PACKAGES);
        if (pip.isEmpty() && !defaults.isEmpty()) {
            pip.addAll(defaults);
            changed = true;
        }
        Set<String> present = names(pip, true);
        for (String included : settings.list(SettingKey.PYPI_INCLUDED_PACKAGES)) {
            if (!present.contains(pipName(included))) {
                pip.add(included);
                present.add(pipName(included));
                changed = true;
            }
        }
        Set<String> missing = new TreeSet<>();
        for (String required : settings.list(SettingKey.PYPI_REQUIRED_PACKAGES)) {
            if (!present.contains(pipName(required))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidSpecificationException(
                    "Pypi packages " + missing + " required and missing from specification");
        }
        return changed ? spec.withPipDependencies(pip) : spec;
    }

    private EnvironmentSpecification applyConda(EnvironmentSpecification spec) {
        List<String> conda = new ArrayList<>(spec.condaDependencies());
        boolean changed = false;
        // as in conda-store, a pip section counts as a dependency, so it suppresses the conda defaults
        if (conda.isEmpty() && spec.pipDependencies() == null) {
            conda.addAll(settings.list(SettingKey.CONDA_DEFAULT_PACKAGES));
            changed = !conda.isEmpty();
        }
        Set<String> present = names(conda, false);
        for (String included : settings.list(SettingKey.CONDA_INCLUDED_PACKAGES)) {
            String name = condaName(included);
            if (!present.contains(name)) {
                conda.add(included);
                present.add(name);
                changed = true;
            }
        }
        Set<String> missing = new TreeSet<>();
        for (String required : settings.list(SettingKey.CONDA_REQUIRED_PACKAGES)) {
            if (!present.contains(condaName(required))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidSpecificationException(
                    "Conda packages " + missing + " required and missing from specification");
        }
        return changed ? spec.withCondaDependencies(conda) : spec;
    }

    private Set<String> normalized(List<String> channels) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : channels) {
            out.add(channelNormalizer.apply(c));
        }
        return out;
    }

    private static Set<String> names(List<String> specs, boolean pip) {
        Set<String> names = new LinkedHashSet<>();
        for (String s : specs) {
            if (!(pip && s.startsWith("-"))) {
                names.add(pip ? pipName(s) : condaName(s));
            }
        }
        return names;
    }

    private static void checkMatchSpec(String dependency) {
        try {
            MatchSpec.parse(dependency);
        } catch (MatchSpecParseException e) {
            throw new InvalidSpecificationException(
                    "dependency '" + dependency + "' is not a valid match spec: " + e.getMessage(), e);
        }
    }

    /** @return the package name a conda match spec asks for, lower-cased as conda compares names */
    static String condaName(String spec) {
        try {
            String name = MatchSpec.parse(spec).name();
            if (name != null) {
                return name.toLowerCase(Locale.ROOT);
            }
        } catch (RuntimeException e) {
            // fall back to the syntactic rule below
        }
        Matcher m = CONDA_NAME.matcher(spec);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : spec.trim().toLowerCase(Locale.ROOT);
    }

    /** @return the PEP 503 normalised project name of a pip requirement */
    static String pipName(String requirement) {
        Matcher m = PIP_NAME.matcher(requirement);
        String name = m.find() ? m.group(1) : requirement.trim();
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }
}
