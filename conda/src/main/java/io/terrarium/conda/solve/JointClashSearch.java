package io.terrarium.conda.solve;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Finds a smallest set of constraints on one package that no candidate meets together while every smaller part of
 * it can: sets of three, then four, ... up to {@link #MAX_SET}, within a fixed budget of steps and a deadline.
 */
final class JointClashSearch {
    static final int MAX_SET = 5;
    private static final int MAX_STEPS = 400_000;

    /** Whether two constraints can be part of one set (both surely apply when their sources are installed). */
    interface Combinable {
        boolean test(int a, int b);
    }

    private final BitSet[] accepted;
    private final boolean[] binding;
    private final Combinable combinable;
    private final long deadlineNanos;
    private final int[] chosen = new int[MAX_SET];
    private int steps;

    private JointClashSearch(BitSet[] accepted, boolean[] binding, Combinable combinable, long deadlineNanos) {
        this.accepted = accepted;
        this.binding = binding;
        this.combinable = combinable;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Indices of a smallest irreducible set among {@code accepted} (the candidates each constraint accepts) whose
     * intersection is empty and which holds at least one {@code binding} constraint (a dependency: a set of
     * {@code constrains} alone forces nothing to be installed); {@code null} when there is none within the bounds.
     */
    static int[] smallest(BitSet[] accepted, boolean[] binding, Combinable combinable, long deadlineNanos) {
        JointClashSearch search = new JointClashSearch(accepted, binding, combinable, deadlineNanos);
        for (int size = 3; size <= Math.min(MAX_SET, accepted.length); size++) {
            int[] found = search.ofSize(size);
            if (found != null || search.exhausted()) {
                return found;
            }
        }
        return null;
    }

    private int[] ofSize(int size) {
        return extend(0, 0, size, null) ? Arrays.copyOf(chosen, size) : null;
    }

    private boolean exhausted() {
        return steps >= MAX_STEPS || System.nanoTime() > deadlineNanos;
    }

    private boolean extend(int depth, int from, int size, BitSet common) {
        if (depth == size) {
            return isEmptyAndIrreducible(size, common);
        }
        for (int i = from; i <= accepted.length - (size - depth); i++) {
            if (++steps >= MAX_STEPS || ((steps & 0xfff) == 0 && System.nanoTime() > deadlineNanos)) {
                return false;
            }
            if (!combinableWithChosen(i, depth)) {
                continue;
            }
            BitSet next = (BitSet) accepted[i].clone();
            if (common != null) {
                next.and(common);
            }
            // a part that already meets no candidate is a smaller set, found (or rejected) before this size
            if (depth + 1 < size && next.isEmpty()) {
                continue;
            }
            chosen[depth] = i;
            if (extend(depth + 1, i + 1, size, next)) {
                return true;
            }
            if (exhausted()) {
                return false;
            }
        }
        return false;
    }

    private boolean combinableWithChosen(int i, int depth) {
        for (int d = 0; d < depth; d++) {
            if (!combinable.test(chosen[d], i)) {
                return false;
            }
        }
        return true;
    }

    private boolean isEmptyAndIrreducible(int size, BitSet common) {
        if (!common.isEmpty()) {
            return false;
        }
        boolean anyBinding = false;
        for (int d = 0; d < size; d++) {
            anyBinding |= binding[chosen[d]];
        }
        if (!anyBinding) {
            return false;
        }
        for (int left = 0; left < size; left++) {
            BitSet rest = null;
            for (int d = 0; d < size; d++) {
                if (d == left) {
                    continue;
                }
                if (rest == null) {
                    rest = (BitSet) accepted[chosen[d]].clone();
                } else {
                    rest.and(accepted[chosen[d]]);
                }
            }
            if (rest.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
