package io.terrarium.conda.solve;

import io.terrarium.conda.types.PackageRecord;

/** One constraint in a dependency chain: a requested spec, or a dependency/constraint of a record reached from one. */
final class ChainLink {
    /** Index of the requested spec the chain starts from. */
    final int source;

    final String spec;
    /** The record that has this dependency or constraint; {@code null} for the requested spec itself. */
    final PackageRecord record;

    final boolean constrains;
    final ChainLink via;
    /** The variable of the first record on the chain (a candidate of the requested spec); -1 for the root. */
    final int firstRecord;
    /** Whether every record on the chain after the first is the only candidate of the link before it. */
    final boolean forced;
    /** How many candidates a dependency has (0 for the root, a constraint or a dependency nothing provides). */
    final int candidates;

    ChainLink(
            int source,
            String spec,
            PackageRecord record,
            boolean constrains,
            ChainLink via,
            int firstRecord,
            int candidates) {
        this.source = source;
        this.spec = spec;
        this.record = record;
        this.constrains = constrains;
        this.via = via;
        this.firstRecord = firstRecord;
        this.candidates = candidates;
        this.forced = via == null || via.record == null || (via.forced && via.candidates == 1);
    }

    /**
     * Whether both links surely hold at once when their requested specs are installed: they come from different
     * requested specs, or from one record, or from chains that one record of the same spec surely brings.
     */
    boolean holdsWith(ChainLink other) {
        return source != other.source
                || (record != null && record == other.record)
                || (firstRecord >= 0 && firstRecord == other.firstRecord && forced && other.forced);
    }

    @Override
    public String toString() {
        if (record == null) {
            return "`" + spec + "` (requested)";
        }
        return via + " -> " + record.dist() + (constrains ? " constrains `" : " requires `") + spec + "`";
    }
}
