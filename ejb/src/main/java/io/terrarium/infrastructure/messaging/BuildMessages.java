package io.terrarium.infrastructure.messaging;

/** The wire format of a build-queue message: the build id as decimal text. */
final class BuildMessages {

    private BuildMessages() {
    }

    static String encode(long buildId) {
        return Long.toString(buildId);
    }

    static long decode(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("empty build message");
        }
        try {
            return Long.parseLong(body.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("build message is not a build id: '" + body + "'", e);
        }
    }
}
