package io.terrarium.conda.solve;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The search core: conflict-driven clause learning over candidate records, in the style of resolvo and libsolv.
 *
 * <p>A variable is true when its record is installed. Clauses are added lazily: a record's {@code depends} and
 * {@code constrains} become clauses only once the record is assigned true, so only names reachable from the request
 * are ever looked at. "At most one record per name" is a native constraint checked on each true assignment rather
 * than pairwise clauses. Other clauses live in one int array with two watched literals each. Decisions pick an open
 * requirement (requested specs first, then the most conflict-active package, then the one with fewest options) and
 * install its best remaining candidate, so the first model found follows conda's preferences; variables never
 * assigned at the end are simply not installed.
 *
 * <p>Literals are {@code var << 1} (installed) and {@code var << 1 | 1} (not installed).
 */
final class Cdcl {
    private static final byte UNDEF = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = -1;
    /** Reason of a decision (and of the root). Reasons {@code <= -2} mean "excluded by var -(r+2) of the same name". */
    private static final int DECISION = -1;
    /** {@link #pickDecision} result: something was assigned, propagate before deciding. */
    private static final int RETRY = -2;

    private final CandidatePool pool;
    private final long startNanos;
    private final long deadlineNanos;
    private final Duration timeout;
    private final MemoryMeter memory;

    private byte[] value = new byte[0];
    private int[] level = new int[0];
    private int[] reason = new int[0];
    private boolean[] expanded = new boolean[0];
    private boolean[] seen = new boolean[0];
    private int[][] watches = new int[0][];
    private int[] watchCount = new int[0];
    private double[] activity = new double[0];
    /** Per package name: the variable installed now, or 0. */
    private int[] installedOfName = new int[0];

    private double activityInc = 1.0;

    private int[] trail = new int[64];
    private int trailSize;
    private int qhead;
    private final IntVec trailLim = new IntVec();
    /** Requirements of the records installed now, in the order they were installed (a stack parallel to the trail). */
    private final IntVec active = new IntVec(256);

    private final IntVec activeLim = new IntVec();
    /** Entries of {@link #active} before this index are met; reset by backjumps. */
    private int scanFrom;

    private int[] lits = new int[4096];
    private int litsSize;
    private int[] clStart = new int[1024];
    private int[] clLen = new int[1024];
    private int clauseCount;

    private final IntVec reqSource = new IntVec(256);
    private final List<int[]> reqCands = new ArrayList<>();
    /** Per requirement: the candidates of its name it does not accept (excluded while its source is installed). */
    private final List<int[]> reqExcluded = new ArrayList<>();
    /** Per requirement: its clause. */
    private final IntVec reqClause = new IntVec(256);
    /** Per variable: its requirements are {@code reqFirst[v] .. reqEnd[v]-1} (contiguous, added on expansion). */
    private int[] reqFirst = new int[0];

    private int[] reqEnd = new int[0];
    /** Per variable: 1 + the unit clause forbidding it, or 0. */
    private int[] forbiddenBy = new int[0];

    private final IntVec conflict = new IntVec();

    private final IntVec removed = new IntVec();
    private final IntVec learned = new IntVec();
    private final IntVec learnedQuality = new IntVec();
    private int maxLearned = 4000;
    private int[] levelStamp = new int[64];
    private int stamp;
    private final IntVec learnt = new IntVec();
    private int decisions;
    private int conflicts;

    Cdcl(CandidatePool pool, Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
        this.startNanos = System.nanoTime();
        long t = timeout.toNanos();
        this.deadlineNanos = startNanos + (t <= 0 ? Long.MAX_VALUE / 4 : t);
        this.memory = new MemoryMeter(pool.request());
    }

    int decisions() {
        return decisions;
    }

    int conflicts() {
        return conflicts;
    }

    /** Runs the search; true when a model was found (read it with {@link #isInstalled}). */
    boolean solve() {
        memory.check(pool, 0);
        ensureCapacity();
        assign(lit(CandidatePool.ROOT, true), DECISION);
        int restartLimit = 100;
        int conflictsSinceRestart = 0;
        int lubyIndex = 1;
        long steps = 0;
        while (true) {
            if ((steps++ & 63) == 0) {
                checkLimits();
            }
            if (!propagate()) {
                if (!resolveConflict()) {
                    return false;
                }
                if (++conflictsSinceRestart >= restartLimit && currentLevel() > 0) {
                    backjump(0);
                    conflictsSinceRestart = 0;
                    restartLimit = 100 * luby(++lubyIndex);
                }
                continue;
            }
            int next = pickDecision();
            if (next == 0) {
                return true;
            }
            if (next == RETRY) {
                continue;
            }
            if (next < 0) {
                // an open requirement with no candidate left that propagation has not reported (lazy watches): a
                // conflict
                if (!resolveConflict()) {
                    return false;
                }
                continue;
            }
            if (!expanded[next]) {
                // add the candidate's clauses before trying it: one that cannot work is then ruled out by
                // propagation at this level instead of by a conflict whose lesson backjumps to the root
                if (!expand(next) && !resolveConflict()) {
                    return false;
                }
                continue;
            }
            decisions++;
            trailLim.add(trailSize);
            activeLim.add(active.size());
            assign(lit(next, true), DECISION);
        }
    }

    boolean isInstalled(int var) {
        return var < value.length && value[var] == TRUE;
    }

    // ---------------------------------------------------------------- assignment

    private static int lit(int var, boolean installed) {
        return installed ? var << 1 : (var << 1) | 1;
    }

    private byte litValue(int lit) {
        byte v = value[lit >> 1];
        return (lit & 1) == 0 ? v : (byte) -v;
    }

    private int currentLevel() {
        return trailLim.size();
    }

    private void assign(int lit, int why) {
        int var = lit >> 1;
        value[var] = (lit & 1) == 0 ? TRUE : FALSE;
        if ((lit & 1) == 0 && var != CandidatePool.ROOT) {
            installedOfName[pool.nameOf(var)] = var;
        }
        level[var] = currentLevel();
        reason[var] = why;
        if (trailSize == trail.length) {
            trail = Arrays.copyOf(trail, trailSize * 2);
        }
        trail[trailSize++] = lit;
    }

    private void backjump(int targetLevel) {
        if (currentLevel() <= targetLevel) {
            return;
        }
        int stop = trailLim.get(targetLevel);
        for (int i = trailSize - 1; i >= stop; i--) {
            int var = trail[i] >> 1;
            if ((trail[i] & 1) == 0 && var != CandidatePool.ROOT) {
                installedOfName[pool.nameOf(var)] = 0;
            }
            value[var] = UNDEF;
            reason[var] = DECISION;
        }
        trailSize = stop;
        qhead = stop;
        trailLim.shrink(targetLevel);
        active.shrink(activeLim.get(targetLevel));
        scanFrom = 0;
        activeLim.shrink(targetLevel);
    }

    private void ensureCapacity() {
        int vars = pool.varCount();
        if (vars > value.length) {
            int cap = Math.max(vars, value.length * 2);
            value = Arrays.copyOf(value, cap);
            level = Arrays.copyOf(level, cap);
            reason = Arrays.copyOf(reason, cap);
            expanded = Arrays.copyOf(expanded, cap);
            seen = Arrays.copyOf(seen, cap);
            reqFirst = Arrays.copyOf(reqFirst, cap);
            reqEnd = Arrays.copyOf(reqEnd, cap);
            forbiddenBy = Arrays.copyOf(forbiddenBy, cap);
            watches = Arrays.copyOf(watches, cap * 2);
            watchCount = Arrays.copyOf(watchCount, cap * 2);
        }
        int names = pool.nameCount();
        if (names > activity.length) {
            activity = Arrays.copyOf(activity, Math.max(names, activity.length * 2));
            installedOfName = Arrays.copyOf(installedOfName, activity.length);
        }
    }

    // ---------------------------------------------------------------- clauses

    /** Watch lists hold (clause, blocker) pairs: a true blocker proves the clause satisfied without reading it. */
    private void addWatch(int lit, int clause, int blocker) {
        int[] ws = watches[lit];
        int n = watchCount[lit];
        if (ws == null) {
            ws = new int[8];
            watches[lit] = ws;
        } else if (n + 2 > ws.length) {
            ws = Arrays.copyOf(ws, ws.length * 2);
            watches[lit] = ws;
        }
        ws[n] = clause;
        ws[n + 1] = blocker;
        watchCount[lit] = n + 2;
    }

    private int storeClause(int[] src, int len) {
        if (clauseCount == clStart.length) {
            clStart = Arrays.copyOf(clStart, clauseCount * 2);
            clLen = Arrays.copyOf(clLen, clauseCount * 2);
        }
        while (litsSize + len > lits.length) {
            lits = Arrays.copyOf(lits, lits.length * 2);
        }
        System.arraycopy(src, 0, lits, litsSize, len);
        clStart[clauseCount] = litsSize;
        clLen[clauseCount] = len;
        litsSize += len;
        return clauseCount++;
    }

    /** How good a literal is as a watch: true, then unassigned, then false at the highest level. */
    private int watchScore(int lit) {
        byte v = litValue(lit);
        if (v == TRUE) {
            return Integer.MAX_VALUE;
        }
        if (v == UNDEF) {
            return Integer.MAX_VALUE - 1;
        }
        return level[lit >> 1];
    }

    /**
     * Adds a clause during search, watching its two best literals; propagates it when unit. Returns false when it is
     * already falsified (then {@link #conflict} holds it), unless {@code quiet} (a conflict was already found).
     */
    private boolean addClause(int[] clause, int len, boolean quiet) {
        if (len == 1) {
            int c = storeClause(clause, 1);
            byte v = litValue(clause[0]);
            if (v == TRUE || quiet) {
                return true;
            }
            if (v == FALSE) {
                setConflict(c);
                return false;
            }
            assign(clause[0], c);
            return true;
        }
        for (int k = 0; k < 2; k++) {
            int best = k;
            int bestScore = watchScore(clause[k]);
            for (int i = k + 1; i < len; i++) {
                int s = watchScore(clause[i]);
                if (s > bestScore) {
                    best = i;
                    bestScore = s;
                }
            }
            int t = clause[k];
            clause[k] = clause[best];
            clause[best] = t;
        }
        int c = storeClause(clause, len);
        addWatch(clause[0], c, clause[1]);
        addWatch(clause[1], c, clause[0]);
        if (quiet) {
            return true;
        }
        byte first = litValue(clause[0]);
        if (first == TRUE) {
            return true;
        }
        byte second = litValue(clause[1]);
        if (first == FALSE) {
            setConflict(c);
            return false;
        }
        if (second == FALSE) {
            assign(clause[0], c);
        }
        return true;
    }

    private void setConflict(int clause) {
        conflict.clear();
        int s = clStart[clause];
        for (int i = 0; i < clLen[clause]; i++) {
            conflict.add(lits[s + i]);
        }
    }

    /** Turns an installed record's dependencies and constraints into clauses; false on an immediate conflict. */
    private boolean expand(int var) {
        expanded[var] = true;
        boolean ok = true;
        int notVar = lit(var, false);
        reqFirst[var] = reqSource.size();
        if (var == CandidatePool.ROOT) {
            for (MatchSpec spec : pool.request().specs()) {
                if (CandidatePool.isFeatureSpec(spec)) {
                    // met by the feature itself (conda's mkl@ record), which the pool has enabled
                    continue;
                }
                int[] cands = pool.matching(spec);
                ensureCapacity();
                ok &= addRequirement(var, cands, pool.complement(spec.name(), cands), !ok);
            }
            reqEnd[var] = reqSource.size();
            // the system's virtual packages are installed, so constraints on them (constrains: __cuda >=11) bind
            for (int[] system : pool.systemPackages()) {
                ensureCapacity();
                int[] clause = requirementClause(var, system);
                ok &= addClause(clause, clause.length, !ok);
            }
            return ok;
        }
        PackageRecord record = pool.record(var);
        for (String dep : record.depends()) {
            int[] cands = pool.matchingDependency(dep);
            ensureCapacity();
            if (cands == null || cands.length == 0) {
                ok &= forbid(var, !ok);
            } else {
                ok &= addRequirement(var, cands, pool.excludedBy(dep), !ok);
            }
        }
        reqEnd[var] = reqSource.size();
        for (String text : record.constrains()) {
            if (pool.spec(text) == null) {
                // like rattler: a record with an unparsable constraint cannot be installed
                ok &= forbid(var, !ok);
                continue;
            }
            int[] excluded = pool.excludedBy(text);
            ensureCapacity();
            for (int other : excluded) {
                if (other == var) {
                    continue;
                }
                ok &= addClause(new int[] {notVar, lit(other, false)}, 2, !ok);
            }
        }
        return ok;
    }

    /**
     * A record that can never be installed (a dependency nothing provides, an unreadable spec). Remembered per
     * variable, since the unit clause is not watched: a later assignment to true must still meet it.
     */
    private boolean forbid(int var, boolean quiet) {
        int c = storeClause(new int[] {lit(var, false)}, 1);
        forbiddenBy[var] = c + 1;
        if (quiet) {
            return true;
        }
        byte v = value[var];
        if (v == TRUE) {
            setConflict(c);
            return false;
        }
        if (v == UNDEF) {
            assign(lit(var, false), c);
        }
        return true;
    }

    private boolean addRequirement(int source, int[] cands, int[] excluded, boolean quiet) {
        int[] clause = requirementClause(source, cands);
        reqSource.add(source);
        reqCands.add(cands);
        reqExcluded.add(excluded);
        reqClause.add(clauseCount);
        return addClause(clause, clause.length, quiet);
    }

    /** "{@code source} not installed, or one of {@code cands} installed". */
    private static int[] requirementClause(int source, int[] cands) {
        int[] clause = new int[cands.length + 1];
        clause[0] = lit(source, false);
        for (int i = 0; i < cands.length; i++) {
            clause[i + 1] = lit(cands[i], true);
        }
        return clause;
    }

    // ---------------------------------------------------------------- propagation

    private boolean propagate() {
        while (qhead < trailSize) {
            int p = trail[qhead++];
            int var = p >> 1;
            if ((p & 1) == 0) {
                if (!expanded[var] && !expand(var)) {
                    return false;
                }
                if (forbiddenBy[var] != 0) {
                    setConflict(forbiddenBy[var] - 1);
                    return false;
                }
                for (int r = reqFirst[var], end = reqEnd[var]; r < end; r++) {
                    active.add(r);
                }
                if (var != CandidatePool.ROOT && !excludeSameName(var)) {
                    return false;
                }
                if (!excludeUnacceptable(var)) {
                    return false;
                }
            }
            if (!propagateWatches(p ^ 1)) {
                return false;
            }
        }
        return true;
    }

    /** At most one record per name: installing {@code var} excludes every other candidate of its name. */
    private boolean excludeSameName(int var) {
        int[] same = pool.candidates(pool.nameOf(var));
        for (int other : same) {
            if (other != var && !exclude(var, other)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A requirement of an installed record rules out the candidates of its name it does not accept: with one record
     * per name, installing one of those would leave the requirement unmet. Deriving the binary clause here (reason:
     * {@code var}) prunes before any decision, which plain watched clauses would only find through conflicts.
     */
    private boolean excludeUnacceptable(int var) {
        for (int r = reqFirst[var], end = reqEnd[var]; r < end; r++) {
            for (int other : reqExcluded.get(r)) {
                if (!exclude(var, other)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Applies the binary clause "not both {@code var} and {@code other}" with {@code var} installed (reason encoded as
     * {@code -(var + 2)}); false, with the clause as the conflict, when {@code other} is installed too.
     */
    private boolean exclude(int var, int other) {
        byte v = value[other];
        if (v == TRUE) {
            conflict.clear();
            conflict.add(lit(var, false));
            conflict.add(lit(other, false));
            return false;
        }
        if (v == UNDEF) {
            assign(lit(other, false), -(var + 2));
        }
        return true;
    }

    private boolean propagateWatches(int falseLit) {
        int[] ws = watches[falseLit];
        int n = watchCount[falseLit];
        int i = 0;
        int j = 0;
        while (i < n) {
            int c = ws[i];
            int blocker = ws[i + 1];
            i += 2;
            if (litValue(blocker) == TRUE) {
                ws[j++] = c;
                ws[j++] = blocker;
                continue;
            }
            int len = clLen[c];
            if (len < 0) {
                continue;
            } // deleted learned clause: drop the watch
            int s = clStart[c];
            if (lits[s] == falseLit) {
                lits[s] = lits[s + 1];
                lits[s + 1] = falseLit;
            }
            int first = lits[s];
            if (first != blocker && litValue(first) == TRUE) {
                ws[j++] = c;
                ws[j++] = first;
                continue;
            }
            boolean moved = false;
            for (int k = 2; k < len; k++) {
                int l = lits[s + k];
                if (litValue(l) != FALSE) {
                    lits[s + 1] = l;
                    lits[s + k] = falseLit;
                    addWatch(l, c, first);
                    moved = true;
                    break;
                }
            }
            if (moved) {
                continue;
            }
            ws[j++] = c;
            ws[j++] = first;
            if (litValue(first) == FALSE) {
                while (i < n) {
                    ws[j++] = ws[i++];
                }
                watchCount[falseLit] = j;
                setConflict(c);
                return false;
            }
            assign(first, c);
        }
        watchCount[falseLit] = j;
        return true;
    }

    // ---------------------------------------------------------------- conflicts

    /** Learns from {@link #conflict} (first UIP) and backjumps; false when the conflict holds at level 0. */
    private boolean resolveConflict() {
        conflicts++;
        int conflictLevel = 0;
        for (int i = 0; i < conflict.size(); i++) {
            conflictLevel = Math.max(conflictLevel, level[conflict.get(i) >> 1]);
        }
        if (conflictLevel == 0) {
            return false;
        }
        // a clause found falsified late (lazily added clauses) may not involve the current level: analyse it at its own
        backjump(conflictLevel);
        learnt.clear();
        learnt.add(0);
        pathCount = 0;
        int p = -1;
        int idx = trailSize - 1;
        int top = currentLevel();
        for (int i = 0; i < conflict.size(); i++) {
            analyse(conflict.get(i), -1, top);
        }
        while (true) {
            while (!seen[trail[idx] >> 1]) {
                idx--;
            }
            p = trail[idx--];
            seen[p >> 1] = false;
            pathCount--;
            if (pathCount <= 0) {
                break;
            }
            // the literals of p's reason, read in place: reasons are often requirement clauses of many candidates
            int var = p >> 1;
            int r = reason[var];
            if (r >= 0) {
                for (int i = clStart[r], end = i + clLen[r]; i < end; i++) {
                    analyse(lits[i], var, top);
                }
            } else if (r <= -2) {
                analyse(lit(-(r + 2), false), var, top);
            }
        }
        learnt.set(0, p ^ 1);
        minimise();
        for (int i = 1; i < learnt.size(); i++) {
            seen[learnt.get(i) >> 1] = false;
        }
        int back = 0;
        int backIdx = 1;
        for (int i = 1; i < learnt.size(); i++) {
            int l = level[learnt.get(i) >> 1];
            if (l > back) {
                back = l;
                backIdx = i;
            }
        }
        if (learnt.size() > 1) {
            int t = learnt.get(1);
            learnt.set(1, learnt.get(backIdx));
            learnt.set(backIdx, t);
        }
        backjump(back);
        int[] clause = learnt.toArray();
        int c = storeClause(clause, clause.length);
        if (clause.length > 1) {
            addWatch(clause[0], c, clause[1]);
            addWatch(clause[1], c, clause[0]);
            learned.add(c);
            learnedQuality.add(lbd(clause));
        }
        assign(clause[0], c);
        if ((clause[0] & 1) == 1) {
            learnForSiblings(clause);
        }
        decayActivity();
        if (learned.size() >= maxLearned) {
            reduceLearned();
        }
        return true;
    }

    /** Literals of the current level still to resolve in {@link #resolveConflict}. */
    private int pathCount;

    /** One literal of the conflict or of a reason in first-UIP analysis ({@code skipVar}: the var being resolved). */
    private void analyse(int q, int skipVar, int top) {
        int v = q >> 1;
        if (v == skipVar || seen[v] || level[v] == 0) {
            return;
        }
        seen[v] = true;
        bump(v);
        if (level[v] >= top) {
            pathCount++;
        } else {
            learnt.add(q);
        }
    }

    /**
     * A learned clause that rules out a record rules out each of its {@link CandidatePool#siblings} too: the same
     * clause with the two swapped follows from the problem as well. Without it the search would learn it again for
     * every sibling, one conflict each (25 builds of python 3.12 tried in turn, all failing for one reason).
     */
    private void learnForSiblings(int[] clause) {
        int var = clause[0] >> 1;
        if (var == CandidatePool.ROOT) {
            return;
        }
        for (int sibling : pool.siblings(var)) {
            if (value[sibling] != UNDEF) {
                continue;
            }
            int[] swapped = clause.clone();
            for (int i = 0; i < swapped.length; i++) {
                int v = swapped[i] >> 1;
                if (v == var) {
                    swapped[i] = (sibling << 1) | (swapped[i] & 1);
                } else if (v == sibling) {
                    swapped[i] = (var << 1) | (swapped[i] & 1);
                }
            }
            int before = clauseCount;
            addClause(swapped, swapped.length, false);
            if (swapped.length > 1) {
                learned.add(before);
                learnedQuality.add(lbd(swapped));
            }
        }
    }

    /**
     * Drops literals of the learned clause that are implied by the others (their reason's other literals are all in
     * the clause or fixed at level 0): shorter clauses propagate sooner and cost less to watch.
     */
    private void minimise() {
        int levels = 0;
        for (int i = 1; i < learnt.size(); i++) {
            levels |= abstractLevel(learnt.get(i) >> 1);
        }
        int kept = 1;
        for (int i = 1; i < learnt.size(); i++) {
            int q = learnt.get(i);
            int var = q >> 1;
            if (reason[var] != DECISION && redundant(var, levels)) {
                removed.add(var);
            } else {
                learnt.set(kept++, q);
            }
        }
        learnt.shrink(kept);
        for (int i = 0; i < removed.size(); i++) {
            seen[removed.get(i)] = false;
        }
        removed.clear();
        for (int i = 0; i < redundantMarked.size(); i++) {
            seen[redundantMarked.get(i)] = false;
        }
        redundantMarked.clear();
    }

    private final IntVec redundantStack = new IntVec();
    private final IntVec redundantMarked = new IntVec();

    private int abstractLevel(int var) {
        return 1 << (level[var] & 31);
    }

    /**
     * Whether {@code var}'s value follows from the literals already in the learned clause, through chains of reasons
     * (MiniSat's recursive minimisation): vars proved so on the way stay marked in {@link #seen}.
     */
    private boolean redundant(int var, int levels) {
        redundantStack.clear();
        redundantStack.add(var);
        int top = redundantMarked.size();
        while (redundantStack.size() > 0) {
            int v = redundantStack.get(redundantStack.size() - 1);
            redundantStack.shrink(redundantStack.size() - 1);
            int r = reason[v];
            boolean implied = true;
            if (r >= 0) {
                for (int k = clStart[r], end = k + clLen[r]; k < end && implied; k++) {
                    implied = followReason(lits[k] >> 1, v, levels);
                }
            } else {
                // excluded by an installed record (of its name, or through one of its requirements): the whole reason
                implied = followReason(-(r + 2), v, levels);
            }
            if (!implied) {
                for (int j = top; j < redundantMarked.size(); j++) {
                    seen[redundantMarked.get(j)] = false;
                }
                redundantMarked.shrink(top);
                return false;
            }
        }
        return true;
    }

    /**
     * One var of the reason of {@code v} in {@link #redundant}: fine when it is {@code v}, in the clause, fixed at
     * level 0, or itself implied (then queued to be followed); false when it is a decision or at a level the clause
     * does not span.
     */
    private boolean followReason(int u, int v, int levels) {
        if (u == v || seen[u] || level[u] == 0) {
            return true;
        }
        if (reason[u] == DECISION || (abstractLevel(u) & levels) == 0) {
            return false;
        }
        seen[u] = true;
        redundantStack.add(u);
        redundantMarked.add(u);
        return true;
    }

    /** Literal block distance: how many decision levels the clause spans (low = a valuable clause). */
    private int lbd(int[] clause) {
        int count = 0;
        stamp++;
        for (int l : clause) {
            int lv = level[l >> 1];
            if (lv >= levelStamp.length) {
                levelStamp = Arrays.copyOf(levelStamp, Math.max(lv + 1, levelStamp.length * 2));
            }
            if (levelStamp[lv] != stamp) {
                levelStamp[lv] = stamp;
                count++;
            }
        }
        return count;
    }

    /** Deletes the less useful half of the learned clauses (keeping those that are reasons or have LBD <= 2). */
    private void reduceLearned() {
        int n = learned.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(learnedQuality.get(a), learnedQuality.get(b)));
        boolean[] drop = new boolean[n];
        for (int k = n / 2; k < n; k++) {
            int i = order[k];
            int c = learned.get(i);
            if (learnedQuality.get(i) <= 2) {
                continue;
            }
            int first = lits[clStart[c]];
            if (reason[first >> 1] == c && litValue(first) == TRUE) {
                continue;
            }
            drop[i] = true;
            clLen[c] = -1;
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (drop[i]) {
                continue;
            }
            learned.set(kept, learned.get(i));
            learnedQuality.set(kept, learnedQuality.get(i));
            kept++;
        }
        learned.shrink(kept);
        learnedQuality.shrink(kept);
        maxLearned += maxLearned / 10 + 500;
    }

    private void bump(int var) {
        if (var == CandidatePool.ROOT) {
            return;
        }
        int name = pool.nameOf(var);
        activity[name] += activityInc;
        if (activity[name] > 1e100) {
            for (int i = 0; i < activity.length; i++) {
                activity[i] *= 1e-100;
            }
            activityInc *= 1e-100;
        }
    }

    private void decayActivity() {
        activityInc /= 0.95;
    }

    private static int luby(int i) {
        int k = 1;
        while ((1 << k) - 1 < i) {
            k++;
        }
        while (true) {
            if (i == (1 << k) - 1) {
                return 1 << (k - 1);
            }
            i = i - (1 << (k - 1)) + 1;
            k = 1;
            while ((1 << k) - 1 < i) {
                k++;
            }
        }
    }

    // ---------------------------------------------------------------- decisions

    /**
     * The next candidate to install: 0 when every requirement of every installed record is met, -1 when a
     * requirement has no candidate left ({@link #conflict} then holds its clause).
     */
    private int pickDecision() {
        int best = 0;
        double bestActivity = -1;
        int bestCount = Integer.MAX_VALUE;
        boolean prefixMet = true;
        int deferredRoot = 0;
        for (int a = scanFrom, n = active.size(); a < n; a++) {
            int i = active.get(a);
            int[] cands = reqCands.get(i);
            int name = pool.nameOf(cands[0]);
            // one record per name and complete propagation: an installed record of this name meets the requirement
            if (installedOfName[name] != 0) {
                // met requirements stay met until a backjump, so later scans can start after them
                if (prefixMet) {
                    scanFrom = a + 1;
                }
                continue;
            }
            prefixMet = false;
            int src = reqSource.get(i);
            boolean root = src == CandidatePool.ROOT;
            // the root's requirements come first; past them, a deferred requested variant is decided before the rest
            if (!root && deferredRoot != 0) {
                return vet(deferredRoot);
            }
            double act = root ? 0 : activity[name];
            if (!root && act < bestActivity) {
                continue;
            }
            // counting stops at 2: "a single option left" is what matters, exact counts cost too much on big frontiers
            int firstOpen = 0;
            int secondOpen = 0;
            int open = 0;
            for (int c : cands) {
                if (value[c] != UNDEF) {
                    continue;
                }
                if (forbiddenBy[c] != 0) {
                    // its unit clause is not watched: after a backjump, restate it here
                    assign(lit(c, false), forbiddenBy[c] - 1);
                    return RETRY;
                }
                if (open++ == 0) {
                    firstOpen = c;
                } else {
                    secondOpen = c;
                }
                if (open == 2) {
                    break;
                }
            }
            if (open == 0) {
                conflict.clear();
                conflict.add(lit(src, false));
                for (int c : cands) {
                    conflict.add(lit(c, true));
                }
                return -1;
            }
            if (root) {
                // conda maximises the versions of all requested packages before it weighs their variants: a request
                // whose best two candidates are builds of one version waits until the other requests are decided
                if (open == 2
                        && pool.record(firstOpen)
                                .version()
                                .equals(pool.record(secondOpen).version())) {
                    if (deferredRoot == 0) {
                        deferredRoot = firstOpen;
                    }
                    continue;
                }
                return vet(firstOpen);
            }
            if (best == 0 || act > bestActivity || open < bestCount) {
                best = firstOpen;
                bestActivity = act;
                bestCount = open;
            }
        }
        if (deferredRoot != 0) {
            return vet(deferredRoot);
        }
        return best == 0 ? 0 : vet(best);
    }

    /**
     * Checks a candidate about to be installed against its own requirements: one whose requirement has no
     * candidate left is ruled out here (its clause is the reason) rather than by a conflict. Needed because a unit
     * found while adding clauses is not found again by the watches once a backjump undoes it.
     */
    private int vet(int candidate) {
        if (!expanded[candidate]) {
            return candidate;
        }
        for (int r = reqFirst[candidate], end = reqEnd[candidate]; r < end; r++) {
            boolean possible = false;
            for (int c : reqCands.get(r)) {
                if (value[c] != FALSE) {
                    possible = true;
                    break;
                }
            }
            if (!possible) {
                assign(lit(candidate, false), reqClause.get(r));
                return RETRY;
            }
        }
        return candidate;
    }

    /**
     * The bytes of the clause store and the watch lists (two watches per clause, lists half full on average);
     * per-variable arrays are counted per variable.
     */
    long searchBytes() {
        return 4L * lits.length + 8L * clStart.length + 16L * clauseCount;
    }

    /** Every 64 search steps: the memory budget, an interrupt of the solving thread, the time limit. */
    private void checkLimits() {
        memory.check(pool, searchBytes());
        long now = System.nanoTime();
        if (Thread.currentThread().isInterrupted()) {
            throw new SolveInterruptedException(Duration.ofNanos(now - startNanos), decisions, conflicts);
        }
        if (now > deadlineNanos) {
            throw new SolverTimeoutException(
                    timeout, Duration.ofNanos(now - startNanos), pool.varCount() - 1, decisions, conflicts);
        }
    }
}
