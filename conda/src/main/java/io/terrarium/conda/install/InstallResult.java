package io.terrarium.conda.install;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of installing a list of records into a prefix.
 *
 * @param records the per-record results in install order
 */
public record InstallResult(List<RecordLinkResult> records) {
    public InstallResult {
        records = List.copyOf(records);
    }

    /** Records linked by this run (not found already linked). */
    public int linkedCount() {
        return (int) records.stream().filter(r -> !r.alreadyLinked()).count();
    }

    /** Every clobber reported, in install order. */
    public List<ClobberWarning> clobbers() {
        List<ClobberWarning> out = new ArrayList<>();
        records.forEach(r -> out.addAll(r.clobbers()));
        return out;
    }

    /** Every link-script and pre-link message, in install order. */
    public List<String> messages() {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.addAll(r.messages()));
        return out;
    }

    /** Every non-fatal warning, in install order. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.addAll(r.warnings()));
        return out;
    }

    /** @return what the records' link scripts printed, in link order */
    public List<String> scriptOutput() {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.addAll(r.scriptOutput()));
        return out;
    }
}
