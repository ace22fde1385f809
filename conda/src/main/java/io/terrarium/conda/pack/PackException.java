package io.terrarium.conda.pack;

/** A prefix that cannot be packed as it stands (not an environment, output inside it, ...); the message says why. */
public class PackException extends IllegalArgumentException {
    public PackException(String message) {
        super(message);
    }
}
