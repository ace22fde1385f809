package io.terrarium.conda.solve;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Everything one solve needs: the requested specs, the records to choose from and the rules for choosing.
 *
 * <p>Immutable; build it with {@link #builder(RepoIndex)}.
 */
public final class SolveRequest {
    /** The default time limit of a solve. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final List<MatchSpec> specs;
    private final RepoIndex index;
    private final List<PackageRecord> virtualPackages;
    private final List<PackageRecord> locked;
    private final List<MatchSpec> pinned;
    private final ChannelPriority channelPriority;
    private final Duration timeout;
    private final Instant excludeNewer;
    private final MemoryBudget memoryBudget;

    private SolveRequest(Builder b) {
        this.specs = List.copyOf(b.specs);
        this.index = b.index;
        this.virtualPackages = List.copyOf(b.virtualPackages);
        this.locked = List.copyOf(b.locked);
        this.pinned = List.copyOf(b.pinned);
        this.channelPriority = b.channelPriority;
        this.timeout = b.timeout;
        this.excludeNewer = b.excludeNewer;
        this.memoryBudget = b.memoryBudget;
    }

    public static Builder builder(RepoIndex index) {
        return new Builder(index);
    }

    /** The requested specs, in the order given (earlier specs are decided first). */
    public List<MatchSpec> specs() {
        return specs;
    }

    public RepoIndex index() {
        return index;
    }
    /** Records of the virtual packages ({@code __glibc}, ...) the target system provides. */
    public List<PackageRecord> virtualPackages() {
        return virtualPackages;
    }
    /** Records to keep when they are still compatible (an existing environment or lockfile). */
    public List<PackageRecord> locked() {
        return locked;
    }
    /** Hard constraints: a package with a pinned name may only be installed in a matching version. */
    public List<MatchSpec> pinned() {
        return pinned;
    }

    public ChannelPriority channelPriority() {
        return channelPriority;
    }

    public Duration timeout() {
        return timeout;
    }
    /** Records built after this instant are ignored; {@code null} for no limit. */
    public Instant excludeNewer() {
        return excludeNewer;
    }
    /** The heap this solve may hold (index, parsed records, variables, clauses); see {@link MemoryBudget}. */
    public MemoryBudget memoryBudget() {
        return memoryBudget;
    }

    /** A copy of this request with other specs (used to find which specs conflict). */
    SolveRequest withSpecs(List<MatchSpec> other) {
        Builder b = toBuilder();
        b.specs.clear();
        b.specs.addAll(other);
        return b.build();
    }

    /** A copy of this request with another time limit. */
    SolveRequest withTimeout(Duration other) {
        return toBuilder().timeout(other).build();
    }

    private Builder toBuilder() {
        Builder b = new Builder(index);
        b.specs.addAll(specs);
        b.virtualPackages.addAll(virtualPackages);
        b.locked.addAll(locked);
        b.pinned.addAll(pinned);
        b.channelPriority = channelPriority;
        b.timeout = timeout;
        b.excludeNewer = excludeNewer;
        b.memoryBudget = memoryBudget;
        return b;
    }

    /**
     * Collects the parts of a {@link SolveRequest}; defaults: strict channel priority, a two-minute limit, a memory
     * budget of 60% of the maximum heap ({@link MemoryBudget#ofHeap()}).
     */
    public static final class Builder {
        private final RepoIndex index;
        private final List<MatchSpec> specs = new ArrayList<>();
        private final List<PackageRecord> virtualPackages = new ArrayList<>();
        private final List<PackageRecord> locked = new ArrayList<>();
        private final List<MatchSpec> pinned = new ArrayList<>();
        private ChannelPriority channelPriority = ChannelPriority.STRICT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Instant excludeNewer;
        private MemoryBudget memoryBudget = MemoryBudget.ofHeap();

        private Builder(RepoIndex index) {
            this.index = Objects.requireNonNull(index, "index");
        }

        public Builder spec(MatchSpec spec) {
            specs.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        /** Parses and adds a spec; throws the parser's exception for bad text. */
        public Builder spec(String spec) {
            return spec(MatchSpec.parse(spec));
        }

        public Builder specs(Collection<MatchSpec> values) {
            values.forEach(this::spec);
            return this;
        }

        public Builder virtualPackages(Collection<PackageRecord> values) {
            values.forEach(v -> virtualPackages.add(Objects.requireNonNull(v, "virtual package")));
            return this;
        }

        public Builder locked(Collection<PackageRecord> values) {
            values.forEach(v -> locked.add(Objects.requireNonNull(v, "locked record")));
            return this;
        }

        public Builder pinned(Collection<MatchSpec> values) {
            values.forEach(v -> pinned.add(Objects.requireNonNull(v, "pinned spec")));
            return this;
        }

        public Builder channelPriority(ChannelPriority value) {
            channelPriority = Objects.requireNonNull(value, "channelPriority");
            return this;
        }

        public Builder timeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("solver timeout must be positive, got " + value);
            }
            timeout = value;
            return this;
        }

        public Builder excludeNewer(Instant value) {
            excludeNewer = value;
            return this;
        }

        public Builder memoryBudget(MemoryBudget value) {
            memoryBudget = Objects.requireNonNull(value, "memoryBudget");
            return this;
        }

        public SolveRequest build() {
            for (MatchSpec s : specs) {
                // a name-less feature spec (*[track_features=mkl], mkl@) asks for a feature, as in conda
                if (s.name() == null && !CandidatePool.isFeatureSpec(s)) {
                    throw new IllegalArgumentException(
                            "a requested spec must name a package or ask for a feature (*[track_features=mkl]): '" + s
                                    + "'");
                }
            }
            for (MatchSpec s : pinned) {
                if (s.name() == null) {
                    throw new IllegalArgumentException("a pinned spec must name a package: '" + s + "'");
                }
            }
            return new SolveRequest(this);
        }
    }
}
