package io.terrarium.cluster;

/**
 * A failure because the server lacks part of the issue 9 contract (the worker API, a build field): no waiting
 * makes it appear, so polls fail at once with it.
 */
final class MissingFeature extends AssertionError {

    private static final long serialVersionUID = 1L;

    MissingFeature(String message) {
        super(message);
    }
}
