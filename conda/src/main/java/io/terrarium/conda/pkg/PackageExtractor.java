package io.terrarium.conda.pkg;

import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Extracts a package archive into a new directory within {@link ExtractionLimits}, checks the result against its
 * {@code info/paths.json} and marks it with {@code info/repodata_record.json}; what fails leaves nothing behind.
 */
final class PackageExtractor {
    private final ExtractionLimits limits;

    PackageExtractor(ExtractionLimits limits) {
        this.limits = limits;
    }

    /**
     * Extracts {@code archive} into {@code dir} (which must not exist yet; the caller renames it into place) and
     * writes {@code record} as its marker; on any failure {@code dir} is deleted and the error rethrown.
     */
    void extract(Path archive, Path dir, PackageRecord record, CacheProgress progress) throws IOException {
        boolean done = false;
        try {
            long total = Files.size(archive);
            ExtractionResult result = PackageArchive.open(archive)
                    .extractTo(dir, limits, n -> progress.update(CacheProgress.Phase.EXTRACT, n, total));
            validate(dir, result, archive);
            RepodataRecordJson.write(dir, record);
            done = true;
        } finally {
            if (!done) {
                FileTrees.delete(dir);
            }
        }
    }

    /** Every file paths.json lists must have been extracted, with the listed sha256 and size. */
    private static void validate(Path extracted, ExtractionResult result, Path archive) throws IOException {
        if (!Files.isRegularFile(extracted.resolve("info").resolve("index.json"))) {
            throw new InvalidPackageException(archive.getFileName() + " has no info/index.json");
        }
        PathsJson paths;
        try {
            paths = PathsJson.read(extracted);
        } catch (InvalidPackageException e) {
            throw new InvalidPackageException(archive.getFileName() + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (PathEntry e : paths.paths()) {
            switch (e.pathType()) {
                case HARDLINK -> {
                    ExtractionResult.FileDigest d = result.files().get(e.path());
                    if (d == null) {
                        problems.add(e.path() + " is listed but missing");
                    } else if (e.sha256() != null && !e.sha256().equalsIgnoreCase(d.sha256())) {
                        problems.add(e.path() + ": sha256 " + d.sha256() + " but paths.json says " + e.sha256());
                    } else if (e.sizeInBytes() >= 0 && e.sizeInBytes() != d.size()) {
                        problems.add(e.path() + ": " + d.size() + " bytes but paths.json says " + e.sizeInBytes());
                    }
                }
                case SOFTLINK -> {
                    if (!result.symlinks().containsKey(e.path())
                            && !result.files().containsKey(e.path())) {
                        problems.add(e.path() + " (a symbolic link) is listed but missing");
                    }
                }
                case DIRECTORY -> {
                    if (!Files.isDirectory(extracted.resolve(e.path()), LinkOption.NOFOLLOW_LINKS)) {
                        problems.add(e.path() + " (a directory) is listed but missing");
                    }
                }
            }
            if (problems.size() >= 5) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPackageException(
                    archive.getFileName() + " does not match its info/paths.json: " + String.join("; ", problems));
        }
    }
}
