package io.terrarium.conda.solve;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The solver's variables: candidate records numbered by int id, materialised lazily one package name at a time, each
 * name's candidates filtered (strict channel priority, pins, {@code exclude_newer}) and sorted best first.
 *
 * <p>Variable 0 is the root (the request itself). Match specs are parsed once per distinct text and the candidates a
 * spec selects are computed once per solve, since the same dependency string appears in thousands of records.
 */
final class CandidatePool {
    static final int ROOT = 0;
    private static final int[] NONE = new int[0];

    private final SolveRequest request;
    private final RepoIndex index;
    private final Map<String, List<MatchSpec>> pinsByName = new HashMap<>();
    private final Set<PackageRecord> lockedSet;
    private final Map<String, List<PackageRecord>> lockedByName = new HashMap<>();
    private final Map<String, List<PackageRecord>> virtualByName = new HashMap<>();
    private final Set<String> channelRequested = new HashSet<>();
    /** Names the request asks for: conda maximises their versions before it weighs track_features. */
    private final Set<String> requestedNames = new HashSet<>();
    /** Features asked for by a name-less spec ({@code *[track_features=mkl]}, {@code mkl@}). */
    private final Set<String> requestedFeatures = new HashSet<>();
    /** Features the environment has (see {@link #enabledFeatures}), computed on first use. */
    private Set<String> enabledFeatures;

    private PackageRecord[] records = new PackageRecord[256];
    private int[] varName = new int[256];
    /**
     * Per variable: its interchangeability class. Two candidates of one name share a class while they have the same
     * depends and constrains and every spec evaluated so far accepts both or neither (see {@link #siblings}).
     */
    private int[] varClass = new int[256];

    private int classCount;
    private int varCount = 1;
    /** Records offered for the names looked at so far: what the index parsed for this solve. */
    private int parsedRecords;

    private final Map<String, Integer> nameIds = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<int[]> nameCandidates = new ArrayList<>();

    private final Map<String, MatchSpec> specCache;
    private final Map<String, String> specErrors = new HashMap<>();
    private final Map<String, int[]> depCandidates = new HashMap<>();
    private final Map<String, int[]> excluded = new HashMap<>();
    private final Map<String, List<PackageRecord>> eligibleByName = new HashMap<>();
    private final Map<String, List<PackageRecord>> baseEligibleByName = new HashMap<>();

    CandidatePool(SolveRequest request, Map<String, MatchSpec> specCache) {
        this.request = request;
        this.index = request.index();
        this.specCache = specCache;
        for (MatchSpec pin : request.pinned()) {
            pinsByName.computeIfAbsent(pin.name(), n -> new ArrayList<>()).add(pin);
        }
        this.lockedSet = new HashSet<>(request.locked());
        for (PackageRecord r : request.locked()) {
            lockedByName.computeIfAbsent(r.name(), n -> new ArrayList<>()).add(r);
        }
        for (PackageRecord r : request.virtualPackages()) {
            virtualByName.computeIfAbsent(r.name(), n -> new ArrayList<>()).add(r);
        }
        for (MatchSpec spec : request.specs()) {
            if (isFeatureSpec(spec)) {
                requestedFeatures.addAll(spec.trackFeatures());
                continue;
            }
            requestedNames.add(spec.name());
            if (spec.channel() != null) {
                channelRequested.add(spec.name());
            }
        }
    }

    /**
     * A name-less spec that asks for a feature ({@code *[track_features=mkl]}, legacy {@code mkl@}): in conda it is met
     * by the feature itself, so it enables the feature rather than naming a package to install.
     */
    static boolean isFeatureSpec(MatchSpec spec) {
        return spec.name() == null
                && spec.trackFeatures() != null
                && !spec.trackFeatures().isEmpty();
    }

    /**
     * The features this environment has, as classic conda decides them: those a name-less spec asks for, plus those
     * every build of the best version a requested spec selects tracks ({@code nomkl} tracks {@code nomkl}; {@code mkl
     * 11} tracks {@code mkl}). A record's legacy {@code features} can only be installed when all of them are enabled
     * (conda's record depends on a tracker of each); records that carry an enabled feature are preferred, and
     * tracking an enabled feature costs nothing.
     */
    Set<String> enabledFeatures() {
        if (enabledFeatures == null) {
            Set<String> enabled = new HashSet<>(requestedFeatures);
            for (MatchSpec spec : request.specs()) {
                if (!isFeatureSpec(spec) && spec.name() != null) {
                    enabled.addAll(trackedByBestVersion(spec));
                }
            }
            enabledFeatures = enabled;
        }
        return enabledFeatures;
    }

    /** The track_features every build of the best version (in the best channel) that {@code spec} selects has. */
    private Set<String> trackedByBestVersion(MatchSpec spec) {
        List<PackageRecord> matching = new ArrayList<>();
        for (PackageRecord r : baseEligible(spec.name())) {
            if (spec.matches(r)) {
                matching.add(r);
            }
        }
        if (matching.isEmpty()) {
            return Set.of();
        }
        boolean byChannel = request.channelPriority() != ChannelPriority.DISABLED;
        PackageRecord best = matching.get(0);
        for (PackageRecord r : matching) {
            int c = byChannel ? Integer.compare(rank(r), rank(best)) : 0;
            if (c < 0 || (c == 0 && r.version().compareTo(best.version()) > 0)) {
                best = r;
            }
        }
        Set<String> common = null;
        for (PackageRecord r : matching) {
            if ((byChannel && rank(r) != rank(best)) || !r.version().equals(best.version())) {
                continue;
            }
            if (common == null) {
                common = new HashSet<>(r.trackFeatures());
            } else {
                common.retainAll(r.trackFeatures());
            }
        }
        return common == null ? Set.of() : common;
    }

    /** Whether every legacy {@code feature} of the record is enabled (conda cannot install it otherwise). */
    boolean featuresEnabled(PackageRecord r) {
        return r.features().isEmpty() || enabledFeatures().containsAll(r.features());
    }

    /** The track_features of the record the environment does not have yet: each lowers the record's priority. */
    private int featureCost(PackageRecord r) {
        List<String> tracked = r.trackFeatures();
        if (tracked.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (String f : tracked) {
            if (!enabledFeatures().contains(f)) {
                n++;
            }
        }
        return n;
    }

    /** How many enabled features the record carries: conda prefers the featured build once a feature is on. */
    private int featuresCarried(PackageRecord r) {
        if (r.features().isEmpty()) {
            return 0;
        }
        int n = 0;
        for (String f : r.features()) {
            if (enabledFeatures().contains(f)) {
                n++;
            }
        }
        return n;
    }

    SolveRequest request() {
        return request;
    }

    int varCount() {
        return varCount;
    }

    int parsedRecords() {
        return parsedRecords;
    }

    PackageRecord record(int var) {
        return records[var];
    }

    /** The records of {@code vars}, in that order. */
    List<PackageRecord> records(int[] vars) {
        List<PackageRecord> out = new ArrayList<>(vars.length);
        for (int v : vars) {
            out.add(records[v]);
        }
        return out;
    }

    int nameOf(int var) {
        return varName[var];
    }

    int nameCount() {
        return names.size();
    }

    String name(int nameId) {
        return names.get(nameId);
    }

    boolean isVirtual(int var) {
        PackageRecord r = records[var];
        return r != null && isVirtual(r);
    }

    private boolean isVirtual(PackageRecord r) {
        return provided(r.name()).contains(r);
    }

    /** The target system's records of a virtual package (none when it does not provide it), as requested. */
    List<PackageRecord> provided(String name) {
        return virtualByName.getOrDefault(name, List.of());
    }

    /** For each virtual package of the request, its eligible candidates (those the system provides). */
    List<int[]> systemPackages() {
        List<int[]> out = new ArrayList<>();
        for (String name : virtualByName.keySet()) {
            int[] system = Arrays.stream(candidates(nameId(name)))
                    .filter(this::isVirtual)
                    .toArray();
            if (system.length > 0) {
                out.add(system);
            }
        }
        return out;
    }

    /** Id of a package name, registered on first use (candidates are not materialised yet). */
    int nameId(String name) {
        Integer id = nameIds.get(name);
        if (id != null) {
            return id;
        }
        int nid = names.size();
        nameIds.put(name, nid);
        names.add(name);
        nameCandidates.add(null);
        return nid;
    }

    /** The candidates of a name, best first, creating their variables on first call. */
    int[] candidates(int nameId) {
        int[] c = nameCandidates.get(nameId);
        if (c == null) {
            c = materialise(nameId);
            nameCandidates.set(nameId, c);
        }
        return c;
    }

    /** Candidates of {@code spec}'s name that match it, best first. */
    int[] matching(MatchSpec spec) {
        int[] all = candidates(nameId(spec.name()));
        int[] out = new int[all.length];
        int n = 0;
        for (int v : all) {
            if (spec.matches(records[v])) {
                out[n++] = v;
            }
        }
        if (n == all.length) {
            return all;
        }
        int[] matched = Arrays.copyOf(out, n);
        if (n > 0) {
            splitClasses(all, matched);
        }
        return matched;
    }

    /** Refines the classes of a name's candidates by a spec that accepts {@code matched} (a subsequence of all). */
    private void splitClasses(int[] all, int[] matched) {
        Map<Integer, Integer> acceptedClass = new HashMap<>();
        int j = 0;
        for (int v : all) {
            if (j < matched.length && matched[j] == v) {
                j++;
                varClass[v] = acceptedClass.computeIfAbsent(varClass[v], c -> classCount++);
            }
        }
    }

    /**
     * The other candidates of {@code var}'s name that no clause so far tells apart from it: the same depends and
     * constrains, accepted by the same specs. Swapping two of them maps every clause the search knows (and every one
     * it will add) onto another clause of the problem, so whatever it learns about one holds for the other.
     */
    int[] siblings(int var) {
        int[] all = candidates(varName[var]);
        int cls = varClass[var];
        int[] out = null;
        int n = 0;
        for (int v : all) {
            if (v != var && varClass[v] == cls) {
                if (out == null) {
                    out = new int[all.length - 1];
                }
                out[n++] = v;
            }
        }
        return out == null ? NONE : Arrays.copyOf(out, n);
    }

    /**
     * Candidates matching a dependency (or {@code constrains}) string of some record, best first; {@code null} when
     * the string is not a valid match spec (see {@link #specError}).
     */
    int[] matchingDependency(String text) {
        int[] cached = depCandidates.get(text);
        if (cached != null || depCandidates.containsKey(text)) {
            return cached;
        }
        MatchSpec spec = spec(text);
        int[] result = spec == null ? null : matching(spec);
        depCandidates.put(text, result);
        return result;
    }

    /** Candidates of {@code name} that are not in {@code accepted} (both best first). */
    int[] complement(String name, int[] accepted) {
        int[] all = candidates(nameId(name));
        if (accepted.length == all.length) {
            return NONE;
        }
        int[] out = new int[all.length - accepted.length];
        int n = 0;
        int j = 0;
        for (int v : all) {
            // accepted is a subsequence of all, in the same order
            if (j < accepted.length && accepted[j] == v) {
                j++;
            } else {
                out[n++] = v;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * Candidates of a spec's name that the spec text (a dependency or a {@code constrains} entry) does not accept,
     * computed once per text; the text must parse (see {@link #spec}).
     */
    int[] excludedBy(String text) {
        int[] cached = excluded.get(text);
        if (cached == null) {
            cached = complement(spec(text).name(), matchingDependency(text));
            excluded.put(text, cached);
        }
        return cached;
    }

    /** The parsed spec for a dependency text, or {@code null} when it does not parse (or names no package). */
    MatchSpec spec(String text) {
        MatchSpec spec = specCache.get(text);
        if (spec == null && !specErrors.containsKey(text)) {
            try {
                spec = MatchSpec.parse(text);
                if (spec.name() == null) {
                    specErrors.put(text, "a dependency must name a package");
                    return null;
                }
                specCache.put(text, spec);
            } catch (IllegalArgumentException e) {
                specErrors.put(text, e.getMessage());
            }
        }
        return spec;
    }

    String specError(String text) {
        return specErrors.get(text);
    }

    /** Records of a name before any filtering: what the channels and the request offer. */
    List<PackageRecord> offered(String name) {
        List<PackageRecord> out = new ArrayList<>();
        List<PackageRecord> virtual = virtualByName.get(name);
        if (virtual != null) {
            out.addAll(virtual);
        }
        List<PackageRecord> locked = lockedByName.get(name);
        List<PackageRecord> indexed = index.recordsNamed(name);
        if (locked != null) {
            Set<PackageRecord> inIndex = new HashSet<>(indexed);
            for (PackageRecord r : locked) {
                if (!inIndex.contains(r)) {
                    out.add(r);
                }
            }
        }
        out.addAll(indexed);
        return out;
    }

    private int[] materialise(int nameId) {
        String name = names.get(nameId);
        List<PackageRecord> eligible = new ArrayList<>(eligible(name));
        Comparator<PackageRecord> primary = preference(name);
        eligible.sort(primary);
        breakTies(eligible, primary);
        int[] vars = new int[eligible.size()];
        Map<List<Object>, Integer> classes = new HashMap<>();
        for (int i = 0; i < vars.length; i++) {
            PackageRecord r = eligible.get(i);
            vars[i] = newVar(r, nameId);
            varClass[vars[i]] =
                    classes.computeIfAbsent(List.of(r.depends(), r.constrains(), isVirtual(r)), k -> classCount++);
        }
        return vars;
    }

    /**
     * The offered records minus those strict priority, pins, exclude_newer and disabled legacy features rule out
     * (computed once per name).
     */
    List<PackageRecord> eligible(String name) {
        List<PackageRecord> eligible = eligibleByName.get(name);
        if (eligible == null) {
            List<PackageRecord> base = baseEligible(name);
            eligible = base;
            for (PackageRecord r : base) {
                if (!featuresEnabled(r)) {
                    eligible = new ArrayList<>(base.size());
                    for (PackageRecord s : base) {
                        if (featuresEnabled(s)) {
                            eligible.add(s);
                        }
                    }
                    break;
                }
            }
            eligibleByName.put(name, eligible);
        }
        return eligible;
    }

    /** The offered records minus those strict priority, pins and exclude_newer rule out. */
    private List<PackageRecord> baseEligible(String name) {
        return baseEligibleByName.computeIfAbsent(name, this::filterEligible);
    }

    private List<PackageRecord> filterEligible(String name) {
        List<PackageRecord> offered = offered(name);
        parsedRecords += offered.size();
        int bestRank = Integer.MAX_VALUE;
        // a requested spec naming its channel (conda-forge::numpy) chooses the channel itself, as in conda
        if (request.channelPriority() == ChannelPriority.STRICT && !channelRequested.contains(name)) {
            for (PackageRecord r : offered) {
                if (!isPrivileged(r)) {
                    bestRank = Math.min(bestRank, rank(r));
                }
            }
        }
        List<MatchSpec> pins = pinsByName.getOrDefault(name, List.of());
        Instant newest = request.excludeNewer();
        long newestMillis = newest == null ? Long.MAX_VALUE : newest.toEpochMilli();
        List<PackageRecord> out = new ArrayList<>(offered.size());
        for (PackageRecord r : offered) {
            boolean privileged = isPrivileged(r);
            if (!privileged && bestRank != Integer.MAX_VALUE && rank(r) != bestRank) {
                continue;
            }
            if (!privileged && normalisedTimestamp(r) > newestMillis) {
                continue;
            }
            if (!matchesAll(pins, r)) {
                continue;
            }
            out.add(r);
        }
        return out;
    }

    /** Virtual and locked records are not subject to channel rules: they are what the system or the user already has. */
    private boolean isPrivileged(PackageRecord r) {
        return lockedSet.contains(r) || isVirtual(r);
    }

    private static boolean matchesAll(List<MatchSpec> pins, PackageRecord r) {
        for (MatchSpec pin : pins) {
            if (!pin.matches(r)) {
                return false;
            }
        }
        return true;
    }

    int rank(PackageRecord r) {
        int rank = r.channel() == null ? -1 : index.channelRank(r.channel());
        return rank < 0 ? 0 : rank;
    }

    /**
     * conda's order among candidates of one name: locked first; then channel rank under flexible priority; then, for a
     * name the request asks for, higher version first (classic conda maximises requested versions before it counts
     * features), for other names features first; the features: fewer track_features the environment does not have,
     * more enabled legacy features carried; then higher version; channel rank under disabled priority; higher build
     * number; arch before noarch.
     */
    private Comparator<PackageRecord> preference(String name) {
        boolean byChannel = request.channelPriority() == ChannelPriority.FLEXIBLE;
        boolean tieByChannel = request.channelPriority() == ChannelPriority.DISABLED;
        boolean versionFirst = requestedNames.contains(name);
        return (a, b) -> {
            int c = Boolean.compare(lockedSet.contains(b), lockedSet.contains(a));
            if (c != 0) {
                return c;
            }
            if (byChannel) {
                c = Integer.compare(rank(a), rank(b));
                if (c != 0) {
                    return c;
                }
            }
            if (versionFirst) {
                c = b.version().compareTo(a.version());
                if (c == 0 && tieByChannel) {
                    c = Integer.compare(rank(a), rank(b));
                }
                if (c != 0) {
                    return c;
                }
            }
            c = Integer.compare(featureCost(a), featureCost(b));
            if (c != 0) {
                return c;
            }
            c = Integer.compare(featuresCarried(b), featuresCarried(a));
            if (c != 0) {
                return c;
            }
            c = b.version().compareTo(a.version());
            if (c != 0) {
                return c;
            }
            if (tieByChannel) {
                // conda's version_key with priority disabled: version, then channel, then build number
                c = Integer.compare(rank(a), rank(b));
                if (c != 0) {
                    return c;
                }
            }
            c = Long.compare(b.buildNumber(), a.buildNumber());
            if (c != 0) {
                return c;
            }
            c = Boolean.compare(a.noarch() != null, b.noarch() != null);
            if (c != 0) {
                return c;
            }
            return 0;
        };
    }

    /**
     * Orders runs of candidates that conda's keys cannot tell apart (variants such as numpy py27_0 / py33_0): the one
     * whose dependencies can select higher versions first (rattler's rule; a dependency only met by track_features
     * records weighs heavily), then the newer build. Insertion sort: the pairwise score need not be transitive.
     */
    private void breakTies(List<PackageRecord> list, Comparator<PackageRecord> primary) {
        // each record's dependencies by name, built once rather than on every comparison of the insertion sort
        Map<PackageRecord, Map<String, String>> deps = new IdentityHashMap<>();
        int start = 0;
        while (start < list.size()) {
            int end = start + 1;
            while (end < list.size() && primary.compare(list.get(start), list.get(end)) == 0) {
                end++;
            }
            for (int i = start + 1; i < end; i++) {
                PackageRecord x = list.get(i);
                int j = i - 1;
                while (j >= start && tieBreak(list.get(j), x, deps) > 0) {
                    list.set(j + 1, list.get(j));
                    j--;
                }
                list.set(j + 1, x);
            }
            start = end;
        }
    }

    private int tieBreak(PackageRecord a, PackageRecord b, Map<PackageRecord, Map<String, String>> deps) {
        int score = 0;
        Map<String, String> bDeps = deps.computeIfAbsent(b, this::depsByName);
        for (Map.Entry<String, String> e :
                deps.computeIfAbsent(a, this::depsByName).entrySet()) {
            String bText = bDeps.get(e.getKey());
            if (bText == null || bText.equals(e.getValue())) {
                continue;
            }
            Best ba = best(e.getValue());
            Best bb = best(bText);
            if (ba == null || bb == null) {
                continue;
            }
            if (ba.tracked != bb.tracked) {
                score += ba.tracked ? 100 : -100;
            } else {
                score -= Integer.signum(ba.version.compareTo(bb.version));
            }
        }
        if (score != 0) {
            return score;
        }
        return Long.compare(normalisedTimestamp(b), normalisedTimestamp(a));
    }

    private Map<String, String> depsByName(PackageRecord r) {
        Map<String, String> out = new HashMap<>();
        for (String d : r.depends()) {
            MatchSpec spec = spec(d);
            if (spec != null) {
                out.putIfAbsent(spec.name(), d);
            }
        }
        return out;
    }

    /** The best version a dependency can select, and whether only records with a cost in features provide it. */
    private record Best(io.terrarium.conda.types.Version version, boolean tracked) {}

    private final Map<String, Best> bestByDependency = new HashMap<>();

    private Best best(String depText) {
        if (bestByDependency.containsKey(depText)) {
            return bestByDependency.get(depText);
        }
        MatchSpec spec = spec(depText);
        Best best = null;
        if (spec != null) {
            for (PackageRecord r : eligible(spec.name())) {
                if (!spec.matches(r)) {
                    continue;
                }
                boolean tracked = featureCost(r) > 0;
                if (best == null
                        || (best.tracked && !tracked)
                        || (best.tracked == tracked && r.version().compareTo(best.version) > 0)) {
                    best = new Best(r.version(), tracked);
                }
            }
        }
        bestByDependency.put(depText, best);
        return best;
    }

    /** Old records give seconds, newer ones milliseconds; mamba's threshold tells them apart. */
    static long normalisedTimestamp(PackageRecord r) {
        long t = r.timestamp();
        return t > 253_402_300_799L ? t : t * 1000;
    }

    private int newVar(PackageRecord r, int nameId) {
        if (varCount == records.length) {
            records = Arrays.copyOf(records, varCount * 2);
            varName = Arrays.copyOf(varName, varCount * 2);
            varClass = Arrays.copyOf(varClass, varCount * 2);
        }
        records[varCount] = r;
        varName[varCount] = nameId;
        return varCount++;
    }
}
