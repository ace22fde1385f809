package io.terrarium.conda.types;

/**
 * A conda version constraint such as {@code >=1.2,<2|3.*}. API shell: the versions work fills it in.
 */
public abstract class VersionSpec {
    /** Parses a version spec; throws {@link IllegalArgumentException} naming the problem. */
    public static VersionSpec parse(String text) {
        throw new UnsupportedOperationException("VersionSpec not implemented yet");
    }

    public abstract boolean matches(Version version);
}
