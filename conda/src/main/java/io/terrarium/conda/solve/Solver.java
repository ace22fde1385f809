package io.terrarium.conda.solve;

import io.terrarium.conda.install.LinkOrder;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Solves a {@link SolveRequest}: picks one record per needed package so that every dependency and constraint holds,
 * preferring what conda prefers, or explains why that is impossible.
 *
 * <p>Thread-safe and stateless: one instance can serve concurrent solves.
 */
public final class Solver {

    /**
     * Solves the request.
     *
     * @return the records to install, dependencies before dependents
     * @throws UnsatisfiableException  when no consistent set exists; its message names the conflicting specs
     * @throws SolverTimeoutException  when the request's time limit passes first
     */
    public SolveResult solve(SolveRequest request) {
        long start = System.nanoTime();
        Map<String, MatchSpec> specCache = new HashMap<>();
        CandidatePool pool = new CandidatePool(request, specCache);
        Cdcl cdcl = new Cdcl(pool, request.timeout());
        if (!cdcl.solve()) {
            Duration left = request.timeout().minusNanos(System.nanoTime() - start);
            throw new ConflictExplainer(request, specCache, left).explain();
        }
        List<PackageRecord> chosen = new ArrayList<>();
        for (int v = 1; v < pool.varCount(); v++) {
            if (cdcl.isInstalled(v) && !pool.isVirtual(v)) {
                chosen.add(pool.record(v));
            }
        }
        List<PackageRecord> ordered = LinkOrder.sort(chosen, pool::spec);
        return new SolveResult(
                ordered, Duration.ofNanos(System.nanoTime() - start), cdcl.decisions(), cdcl.conflicts());
    }

    /** Whether the request has a solution (used to narrow down conflicting specs). */
    static boolean isSatisfiable(SolveRequest request, Map<String, MatchSpec> specCache) {
        return new Cdcl(new CandidatePool(request, specCache), request.timeout()).solve();
    }
}
