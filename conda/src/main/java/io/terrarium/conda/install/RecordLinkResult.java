package io.terrarium.conda.install;

import java.util.List;

/**
 * What linking one record did.
 *
 * @param record         the installed record as written to conda-meta
 * @param alreadyLinked  true when the record was found fully linked and nothing was done
 * @param clobbers       paths it overwrote that other records owned
 * @param messages       messages of its link scripts ({@code .messages.txt}) and pre-link messages of the package
 * @param warnings       non-fatal problems (e.g. byte-compilation failed, a link script skipped)
 * @param scriptOutput   what its link scripts printed (stdout and stderr), one entry per script that printed
 */
public record RecordLinkResult(
        PrefixRecord record,
        boolean alreadyLinked,
        List<ClobberWarning> clobbers,
        List<String> messages,
        List<String> warnings,
        List<String> scriptOutput) {
    public RecordLinkResult {
        scriptOutput = List.copyOf(scriptOutput);
        clobbers = List.copyOf(clobbers);
        messages = List.copyOf(messages);
        warnings = List.copyOf(warnings);
    }
}
