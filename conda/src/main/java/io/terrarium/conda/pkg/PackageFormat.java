package io.terrarium.conda.pkg;

/** The two conda package archive formats, told apart by file name. */
public enum PackageFormat {
    /** A bzip2-compressed tar holding {@code info/} and the payload. */
    TAR_BZ2(".tar.bz2"),
    /** A zip of {@code metadata.json}, {@code info-*.tar.zst} and {@code pkg-*.tar.zst}. */
    CONDA(".conda");

    private final String extension;

    PackageFormat(String extension) {
        this.extension = extension;
    }

    /** {@code ".tar.bz2"} or {@code ".conda"}. */
    public String extension() {
        return extension;
    }

    /** The format of a file name, or null when it is not a package archive name. */
    public static PackageFormat ofFileName(String fileName) {
        if (fileName.endsWith(TAR_BZ2.extension)) {
            return TAR_BZ2;
        }
        if (fileName.endsWith(CONDA.extension)) {
            return CONDA;
        }
        return null;
    }

    /** The file name without its archive extension ({@code name-version-build}); the name unchanged if neither. */
    public static String stem(String fileName) {
        PackageFormat f = ofFileName(fileName);
        return f == null ? fileName : fileName.substring(0, fileName.length() - f.extension.length());
    }
}
