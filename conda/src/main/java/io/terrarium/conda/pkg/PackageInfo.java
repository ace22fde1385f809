package io.terrarium.conda.pkg;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The metadata of an extracted package directory, as the installer needs it: its record, its file list and its
 * link instructions.
 *
 * @param directory the extracted package directory (holding {@code info/} and the payload)
 * @param index     {@code info/index.json}
 * @param paths     {@code info/paths.json} or its legacy equivalent
 * @param link      {@code info/link.json}, or null when the package has none
 */
public record PackageInfo(Path directory, IndexJson index, PathsJson paths, LinkJson link) {

    /** Reads the metadata of an extracted package directory. */
    public static PackageInfo read(Path directory) throws IOException {
        return new PackageInfo(
                directory, IndexJson.read(directory), PathsJson.read(directory), LinkJson.read(directory));
    }

    /** The noarch type from link.json, else index.json: {@code "python"}, {@code "generic"} or null. */
    public String noarch() {
        if (link != null && link.noarchType() != null) {
            return link.noarchType();
        }
        return index.noarch();
    }
}
