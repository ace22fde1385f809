/**
 * The solver: from requested match specs, channels' records, virtual packages and locked/pinned records to one
 * consistent set of records, in conda's preference order, or an explanation of why none exists.
 *
 * <p>Entry points: {@link io.terrarium.conda.solve.Solver#solve}, {@link io.terrarium.conda.solve.SolveRequest},
 * {@link io.terrarium.conda.solve.SolveResult}, {@link io.terrarium.conda.solve.UnsatisfiableException},
 * {@link io.terrarium.conda.solve.VirtualPackages}.
 *
 * <p>Design: {@code CandidatePool} numbers candidate records lazily, one package name at a time, filtered
 * (strict channel priority, pins, exclude_newer, legacy {@code features} no request enables) and sorted best first
 * (locked; channel under flexible priority; for a requested name its version first, as classic conda; fewer
 * track_features the environment does not have; more enabled legacy features carried; version; build number; arch
 * over noarch; then, among variants, the higher versions their dependencies can select; newer timestamp). A feature
 * is enabled by a name-less {@code *[track_features=mkl]} (or {@code mkl@}) spec or by a requested package whose best
 * version tracks it. {@code Cdcl} is a CDCL search over those variables with watched
 * literals (with blockers), native at-most-one-per-name and requirement-implied exclusions, first-UIP learning with
 * recursive clause minimisation, LBD-based clause deletion and Luby restarts; a clause learned against a record is
 * also learned for its interchangeable builds ({@code CandidatePool.siblings}: same depends and constrains, told apart
 * by no spec seen so far). Decisions install the best open candidate of a
 * requested spec first, then of the dependency with the most conflict activity (fewest options on ties, else the
 * earliest), so the first model found follows conda's preferences. {@code ConflictExplainer} narrows an
 * unsatisfiable request to a smallest conflicting subset of specs; {@code ChainWalk} then follows their dependency
 * chains and reports missing packages, virtual packages the host lacks or has too old (with the override to use,
 * via {@code VirtualPackageHint}), pairs of clashing constraints on one name, or a smallest joint set of them
 * ({@code JointClashSearch}); failing those, {@code RequirementPropagation} names packages every candidate of which
 * needs something the rest rules out ({@code RuledOutExplanation}, {@code RuledOutGroup}). So that an explanation on
 * a 300,000-record channel stays readable, {@code ChainText} writes each chain once and refers back to it by
 * number, {@code BuildRanges} and {@code SpecUnion} summarise many builds and many version ranges, and
 * {@code ProblemBudget} bounds the whole (problems, lines, characters).
 */
package io.terrarium.conda.solve;
