package io.terrarium.conda.pip.metadata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads the core metadata out of a wheel file, from its single top-level {@code *.dist-info/METADATA}. */
public final class WheelMetadataReader {
    private WheelMetadataReader() {}

    public static CoreMetadata read(Path wheel) {
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            ZipEntry found = null;
            for (var it = zip.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                String n = e.getName();
                int slash = n.indexOf('/');
                if (slash > 0
                        && n.substring(0, slash).endsWith(".dist-info")
                        && n.substring(slash + 1).equals("METADATA")) {
                    if (found != null) {
                        throw new InvalidMetadataException(
                                "wheel " + wheel.getFileName() + " has more than one .dist-info/METADATA");
                    }
                    found = e;
                }
            }
            if (found == null) {
                throw new InvalidMetadataException("wheel " + wheel.getFileName() + " has no .dist-info/METADATA");
            }
            return CoreMetadata.parse(
                    zip.getInputStream(found).readAllBytes(),
                    wheel.getFileName().toString());
        } catch (IOException e) {
            throw new InvalidMetadataException("cannot read wheel " + wheel.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
