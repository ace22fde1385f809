package io.terrarium.conda.types;

/**
 * A conda match spec ({@code conda-forge::numpy >=1.20 py*_0[md5=...]}). API shell: the match spec work fills it in.
 */
public final class MatchSpec {
    /** Parses a match spec; throws {@link MatchSpecParseException} saying where and why. */
    public static MatchSpec parse(String text) {
        throw new UnsupportedOperationException("MatchSpec not implemented yet");
    }

    /** The package name, or {@code null} when the spec matches any name ({@code *}). */
    public String name() { return null; }

    public boolean matches(PackageRecord record) {
        throw new UnsupportedOperationException("MatchSpec not implemented yet");
    }
}
