package io.terrarium.conda.types;

/**
 * A conda version with conda's VersionOrder semantics; keeps its original text for printing.
 * API shell: the versions work fills in parsing and ordering.
 */
public final class Version implements Comparable<Version> {
    private final String text;

    private Version(String text) { this.text = text; }

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the problem when it is not a conda version. */
    public static Version parse(String text) {
        return new Version(text.strip());
    }

    @Override
    public int compareTo(Version o) {
        throw new UnsupportedOperationException("VersionOrder not implemented yet");
    }

    @Override
    public String toString() { return text; }
}
