package io.terrarium.conda.pack;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link CondaPacker#pack} wrote.
 *
 * @param archive   the archive written
 * @param entries   number of archive entries (files, links and directories)
 * @param rewritten files that {@code bin/conda-unpack} will rewrite
 * @param warnings  things a user should know (e.g. a package-cache copy was gone and the installed file was packed)
 */
public record PackResult(Path archive, int entries, List<UnpackEntry> rewritten, List<String> warnings) {
    public PackResult {
        rewritten = List.copyOf(rewritten);
        warnings = List.copyOf(warnings);
    }
}
