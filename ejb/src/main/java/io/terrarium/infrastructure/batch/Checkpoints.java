package io.terrarium.infrastructure.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes a chunk step's reader checkpoint (an Integer, the index of the next package) from a job repository row:
 * JBatch's {@code jbatchcheckpointdata} holds a serialized CheckpointData whose restart token is the serialized
 * checkpoint; Liberty's {@code checkpointdata} holds the serialized checkpoint itself. Only those classes are accepted.
 */
final class Checkpoints {

    private static final Set<String> ALLOWED =
            Set.of("java.lang.Integer", "java.lang.Number", "java.lang.String", "[B");

    private Checkpoints() {}

    /** @return the reader checkpoint, or empty when the row holds something else */
    static Optional<Integer> readerCheckpoint(byte[] row) {
        if (row == null) {
            return Optional.empty();
        }
        try (ObjectInputStream in = new Restricted(new ByteArrayInputStream(row))) {
            if (!(in.readObject() instanceof CheckpointData data) || data.restartToken() == null) {
                return Optional.empty();
            }
            try (ObjectInputStream token = new Restricted(new ByteArrayInputStream(data.restartToken()))) {
                return token.readObject() instanceof Integer next ? Optional.of(next) : Optional.empty();
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @return the first object of Liberty's {@code checkpointdata} stream (the reader's checkpoint, then the writer's)
     *     if it is an Integer
     */
    static Optional<Integer> firstObjectInteger(byte[] stream) {
        if (stream == null) {
            return Optional.empty();
        }
        try (ObjectInputStream in = new Restricted(new ByteArrayInputStream(stream))) {
            return in.readObject() instanceof Integer next ? Optional.of(next) : Optional.empty();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Resolves JBatch's CheckpointData to {@link CheckpointData} and refuses every class but a few JDK ones. */
    private static final class Restricted extends ObjectInputStream {

        Restricted(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            String name = desc.getName();
            if (name.endsWith(".CheckpointData")) {
                return CheckpointData.class;
            }
            if (!ALLOWED.contains(name)) {
                throw new InvalidClassException(name, "not expected in a build job checkpoint");
            }
            return super.resolveClass(desc);
        }
    }
}
