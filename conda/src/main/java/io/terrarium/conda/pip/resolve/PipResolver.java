package io.terrarium.conda.pip.resolve;

import io.terrarium.conda.pip.index.HttpSource;
import io.terrarium.conda.pip.index.Redaction;
import io.terrarium.conda.pip.metadata.CoreMetadata;
import io.terrarium.conda.pip.requirement.MarkerEnvironment;
import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.requirement.Requirement;
import io.terrarium.conda.pip.version.PipVersion;
import io.terrarium.conda.pip.version.SpecifierSet;
import io.terrarium.conda.pip.wheel.CompatibleTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Resolves pip requirements to pinned wheels by backtracking over versions newest first, with forward checking (a
 * choice whose dependencies leave some project with no candidate is undone at once). Packages conda installed
 * satisfy requirements on their name and are never replaced; source-only packages are refused by name; a failure
 * names who needs what and which versions exist for the target.
 */
public final class PipResolver {
    private static final String ROOT = "the pip requirements";

    private final PackageSource source;
    private final boolean preReleases;

    public PipResolver(PackageSource source) {
        this(source, false);
    }

    /** A resolver that admits pre-releases everywhere when {@code preReleases} (pip's {@code --pre}). */
    public PipResolver(PackageSource source, boolean preReleases) {
        this.source = source;
        this.preReleases = preReleases;
    }

    /**
     * Resolves {@code requirements} for {@code target}; {@code conda} are the records the conda solution installs.
     *
     * @param deadline when to give up with a {@link PipResolveTimeoutException} (null for none)
     * @throws PipResolveException with an explanation when there is no solution
     */
    public PipResolution resolve(
            List<Requirement> requirements, PipTarget target, Collection<CondaProvided> conda, Instant deadline) {
        Search s = new Search(target, conda, deadline);
        for (Requirement r : requirements) {
            if (r.marker() != null && !r.marker().evaluate(s.env)) {
                continue;
            }
            if (r.url() != null) {
                throw new PipResolveException("cannot install " + Redaction.redact(r.toString())
                        + ": direct URL requirements are not supported; publish the wheel on an index");
            }
            s.requested.add(r.name());
            s.constraints.add(new Constraint(r.name(), r, null));
        }
        if (!s.addedConsistent(0) || !s.solve()) {
            throw new PipResolveException(s.explain());
        }
        List<PinnedWheel> wheels = new ArrayList<>();
        List<CondaProvided> byConda = new ArrayList<>();
        for (Map.Entry<PackageName, Pin> e : s.pins.entrySet()) {
            Pin p = e.getValue();
            if (p.conda != null) {
                byConda.add(p.conda);
            } else {
                wheels.add(new PinnedWheel(
                        e.getKey(),
                        p.candidate.version(),
                        p.candidate.file().filename(),
                        HttpSource.withoutCredentials(p.candidate.file().url()),
                        p.candidate.file().sha256(),
                        s.requested.contains(e.getKey()),
                        s.dependenciesOf(e.getKey(), p)));
            }
        }
        return new PipResolution(wheels, byConda);
    }

    /** A requirement on {@code name}, and the pinned package (or the user, when null) that has it. */
    private record Constraint(PackageName name, Requirement requirement, String owner) {
        String describe() {
            String spec = requirement.name().display()
                    + requirement.specifiers()
                    + (requirement.extras().isEmpty() ? "" : "[" + String.join(",", requirement.extras()) + "]");
            return (owner == null ? "you asked for " : owner + " needs ") + spec;
        }
    }

    /** A choice for one name: a wheel from the index, or the conda record that satisfies it. */
    private record Pin(Candidate candidate, CoreMetadata metadata, CondaProvided conda) {
        String label(PackageName name) {
            return name + " " + (conda != null ? conda.version() + " (from conda)" : candidate.version());
        }
    }

    /** The search state: pins and constraints, both undone by truncation when a choice is abandoned. */
    private final class Search {
        final PipTarget target;
        final MarkerEnvironment env;
        final CompatibleTags tags;
        final PipVersion python;
        final Map<PackageName, CondaProvided> conda = new HashMap<>();
        final Instant deadline;
        final Set<PackageName> requested = new LinkedHashSet<>();
        final LinkedHashMap<PackageName, Pin> pins = new LinkedHashMap<>();
        final List<PackageName> pinOrder = new ArrayList<>();
        final List<Constraint> constraints = new ArrayList<>();
        final Set<String> conflicts = new LinkedHashSet<>();
        final Set<String> refusals = new LinkedHashSet<>();

        Search(PipTarget target, Collection<CondaProvided> conda, Instant deadline) {
            this.target = target;
            this.env = target.markers();
            this.tags = target.tags();
            this.python = target.python();
            this.deadline = deadline;
            for (CondaProvided c : conda) {
                if (c != null) {
                    this.conda.put(c.name(), c);
                }
            }
        }

        boolean solve() {
            if (deadline != null && Instant.now().isAfter(deadline)) {
                throw new PipResolveTimeoutException(
                        "the pip resolve did not finish in time (" + pins.size() + " package(s) chosen so far)");
            }
            PackageName next = null;
            for (Constraint c : constraints) {
                if (!pins.containsKey(c.name())) {
                    next = c.name();
                    break;
                }
            }
            if (next == null) {
                return true;
            }
            for (Pin lazy : choices(next)) {
                Pin choice = lazy;
                if (lazy.conda() == null) {
                    CoreMetadata md = source.metadata(lazy.candidate());
                    if (!md.name().equals(next)
                            || !md.version().equals(lazy.candidate().version())) {
                        conflicts.add(lazy.candidate().file().filename() + " was skipped: its metadata says "
                                + md.name() + " " + md.version());
                        continue;
                    }
                    if (!md.requiresPython().contains(python, true)) {
                        conflicts.add(next + " " + lazy.candidate().version() + " requires python "
                                + md.requiresPython() + ", not " + python);
                        continue;
                    }
                    choice = new Pin(lazy.candidate(), md, null);
                }
                int mark = constraints.size();
                pins.put(next, choice);
                pinOrder.add(next);
                if (choice.conda() == null) {
                    addDependencies(next, choice, extrasFor(next, constraints.size()), Set.of());
                }
                if (addedConsistent(mark) && solve()) {
                    return true;
                }
                pins.remove(next);
                pinOrder.remove(pinOrder.size() - 1);
                truncate(mark);
            }
            return false;
        }

        /** The pins to try for a name, best first, their metadata not yet read; records why when there are none. */
        List<Pin> choices(PackageName name) {
            List<Constraint> on = constraintsOn(name);
            SpecifierSet spec = combined(on);
            CondaProvided c = conda.get(name);
            if (c != null) {
                if (spec.contains(c.version(), true)) {
                    return List.of(new Pin(null, null, c));
                }
                conflicts.add(describeAll(on) + ", but conda installs " + name + " " + c.version());
                return List.of();
            }
            Offer offer = source.offer(name, target, tags, python);
            boolean exactPin = on.stream()
                    .flatMap(k -> k.requirement().specifiers().specifiers().stream())
                    .anyMatch(s -> s.operator().equals("==") && !s.versionText().endsWith(".*")
                            || s.operator().equals("==="));
            List<PipVersion> versions = new ArrayList<>();
            Map<PipVersion, Candidate> byVersion = new HashMap<>();
            for (Candidate k : offer.candidates()) {
                if (!k.file().isYanked() || exactPin) {
                    versions.add(k.version());
                    byVersion.put(k.version(), k);
                }
            }
            List<Pin> out = new ArrayList<>();
            List<PipVersion> admitted = preReleases
                    ? versions.stream().filter(v -> spec.contains(v, true)).toList()
                    : spec.filter(versions);
            for (PipVersion v : admitted) {
                out.add(new Pin(byVersion.get(v), null, null));
            }
            if (out.isEmpty()) {
                explainEmpty(name, on, spec, offer, versions);
            }
            return out;
        }

        private void explainEmpty(
                PackageName name, List<Constraint> on, SpecifierSet spec, Offer offer, List<PipVersion> versions) {
            List<String> sdistMatches = offer.sdistOnly().entrySet().stream()
                    .filter(e -> spec.contains(e.getKey(), true))
                    .map(Map.Entry::getValue)
                    .collect(Collectors.toList());
            if (!sdistMatches.isEmpty()) {
                refusals.add(name + " is available only as a source distribution ("
                        + String.join(", ", sdistMatches.subList(0, Math.min(3, sdistMatches.size())))
                        + "); terrarium installs wheels only, so publish a wheel of it or drop it ("
                        + describeAll(on) + ")");
                return;
            }
            if (versions.isEmpty() && offer.unusable().isEmpty()) {
                conflicts.add(describeAll(on) + ", but no index has a wheel of " + name);
                return;
            }
            String available = versions.isEmpty()
                    ? "no version of " + name + " is"
                    : "only " + name + " "
                            + versions.stream()
                                    .sorted()
                                    .map(PipVersion::toString)
                                    .collect(Collectors.joining(", ")) + (versions.size() == 1 ? " is" : " are");
            String why = offer.unusable().entrySet().stream()
                    .filter(e -> spec.contains(e.getKey(), true))
                    .limit(3)
                    .map(e -> name + " " + e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining("; "));
            conflicts.add(describeAll(on) + ", but " + available + " available for " + target.describe()
                    + (why.isEmpty() ? "" : " (" + why + ")"));
        }

        /** Adds the requirements of a pinned package that apply for the given extras (skipping {@code done}). */
        void addDependencies(PackageName name, Pin pin, Set<String> extras, Set<String> done) {
            String owner = pin.label(name);
            for (Requirement r : pin.metadata().requiresDist()) {
                if (r.marker() == null) {
                    if (done.isEmpty()) {
                        constraints.add(new Constraint(r.name(), r, owner));
                    }
                    continue;
                }
                boolean base = done.isEmpty() && r.marker().evaluate(env, "");
                boolean viaExtra = false;
                for (String e : extras) {
                    if (!done.contains(e)
                            && r.marker().mentionsExtra()
                            && r.marker().evaluate(env, e)) {
                        viaExtra = true;
                    }
                }
                if (base || viaExtra) {
                    constraints.add(new Constraint(r.name(), r, owner));
                }
            }
        }

        /**
         * Checks the constraints added since {@code mark}: a pinned name must satisfy them (and gets the deps of
         * newly requested extras), an unpinned name must keep some candidate.
         */
        boolean addedConsistent(int mark) {
            for (int i = mark; i < constraints.size(); i++) {
                Constraint c = constraints.get(i);
                if (c.requirement().marker() != null
                        && c.owner() == null
                        && !c.requirement().marker().evaluate(env)) {
                    continue;
                }
                Pin pin = pins.get(c.name());
                if (pin != null) {
                    PipVersion v = pin.conda() != null
                            ? pin.conda().version()
                            : pin.candidate().version();
                    if (!c.requirement().specifiers().contains(v, true)) {
                        conflicts.add(c.describe() + ", but " + pin.label(c.name()) + " is already chosen ("
                                + describeAll(constraintsOn(c.name()).stream()
                                        .filter(k -> k != c)
                                        .toList()) + ")");
                        return false;
                    }
                    if (pin.conda() == null) {
                        Set<String> before = extrasFor(c.name(), i);
                        Set<String> now = new TreeSet<>(before);
                        now.addAll(c.requirement().extras());
                        if (!now.equals(before)) {
                            addDependencies(c.name(), pin, now, before.isEmpty() ? Set.of("") : before);
                        }
                    }
                } else if (choices(c.name()).isEmpty()) {
                    return false;
                }
            }
            return true;
        }

        /** Extras requested for a name by the constraints before index {@code end}. */
        Set<String> extrasFor(PackageName name, int end) {
            Set<String> extras = new TreeSet<>();
            for (int i = 0; i < end; i++) {
                if (constraints.get(i).name().equals(name)) {
                    extras.addAll(constraints.get(i).requirement().extras());
                }
            }
            return extras;
        }

        /** The requirements a pin brought in, name to the union of their specifiers. */
        Map<String, String> dependenciesOf(PackageName name, Pin pin) {
            String owner = pin.label(name);
            Map<String, SpecifierSet> deps = new java.util.TreeMap<>();
            for (Constraint c : constraints) {
                if (owner.equals(c.owner())) {
                    deps.merge(c.name().normalized(), c.requirement().specifiers(), SpecifierSet::and);
                }
            }
            Map<String, String> out = new java.util.TreeMap<>();
            deps.forEach((k, v) -> out.put(k, v.toString()));
            return out;
        }

        List<Constraint> constraintsOn(PackageName name) {
            return constraints.stream().filter(c -> c.name().equals(name)).toList();
        }

        SpecifierSet combined(List<Constraint> on) {
            SpecifierSet s = SpecifierSet.any();
            for (Constraint c : on) {
                s = s.and(c.requirement().specifiers());
            }
            return s;
        }

        String describeAll(List<Constraint> on) {
            return on.stream().map(Constraint::describe).distinct().collect(Collectors.joining(" and "));
        }

        void truncate(int mark) {
            while (constraints.size() > mark) {
                constraints.remove(constraints.size() - 1);
            }
        }

        String explain() {
            List<String> lines = new ArrayList<>(refusals);
            lines.addAll(conflicts);
            int shown = Math.min(lines.size(), 6);
            String more = lines.size() > shown ? "\n  ... and " + (lines.size() - shown) + " more" : "";
            return "cannot resolve " + ROOT + " for " + target.describe() + ":\n  "
                    + String.join("\n  ", lines.subList(0, shown)) + more;
        }
    }
}
