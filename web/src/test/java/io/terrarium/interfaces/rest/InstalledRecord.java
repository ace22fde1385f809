package io.terrarium.interfaces.rest;

import io.terrarium.conda.pip.fixture.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an installed wheel's {@code RECORD} against the files as {@code pip check}-like tools would: every row with a
 * hash names a file that exists with that urlsafe-base64 sha256 and that size.
 */
final class InstalledRecord {

    private InstalledRecord() {}

    /**
     * Verifies the RECORD of {@code distInfo} under {@code sitePackages}.
     *
     * @return the listed paths, resolved against site-packages and normalised (a launcher is {@code ../../../bin/x})
     * @throws AssertionError naming the first row that does not match its file
     */
    static List<Path> verify(Path sitePackages, String distInfo) throws IOException {
        List<Path> listed = new ArrayList<>();
        for (String row : Files.readAllLines(sitePackages.resolve(distInfo).resolve("RECORD"))) {
            if (row.isBlank()) {
                continue;
            }
            // paths in our fixtures hold no commas, so the last two commas end the path
            int sizeComma = row.lastIndexOf(',');
            int hashComma = row.lastIndexOf(',', sizeComma - 1);
            Path file = sitePackages.resolve(row.substring(0, hashComma)).normalize();
            String hash = row.substring(hashComma + 1, sizeComma);
            String size = row.substring(sizeComma + 1);
            listed.add(file);
            if (!Files.isRegularFile(file)) {
                throw new AssertionError("RECORD of " + distInfo + " lists " + file + ", which is missing");
            }
            if (hash.isEmpty()) {
                continue;
            }
            byte[] data = Files.readAllBytes(file);
            if (!hash.equals("sha256=" + WheelBuilder.recordHash(data)) || !size.equals(String.valueOf(data.length))) {
                throw new AssertionError("RECORD row '" + row + "' does not match " + file + " (" + data.length
                        + " bytes, sha256=" + WheelBuilder.recordHash(data) + ")");
            }
        }
        return listed;
    }
}
