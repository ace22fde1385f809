package io.terrarium.interfaces.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The key that signs session tokens: the configured secret, or one generated once per store and kept in a file
 * only its owner may read, so every worker of a store signs alike and tokens survive restarts.
 */
final class SigningSecret {

    /** HS256 needs a key of at least 256 bits. */
    static final int MIN_BYTES = 32;

    private SigningSecret() {}

    /**
     * @throws IllegalStateException naming the setting when the configured secret is shorter than 32 bytes
     */
    static byte[] resolve(Optional<String> configured, Path file) {
        if (configured.isPresent()) {
            byte[] key = configured.get().getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_BYTES) {
                throw new IllegalStateException(AuthSettings.SECRET + " must be at least " + MIN_BYTES
                        + " bytes long (HS256); generate one with: head -c 48 /dev/urandom | base64");
            }
            return key;
        }
        try {
            return readOrCreate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the session secret " + file, e);
        }
    }

    /** Creates the file atomically (a hard link of a complete temporary file), so concurrent workers agree. */
    static byte[] readOrCreate(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        Files.createDirectories(file.getParent());
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID());
        PrivateFiles.write(temp, Base64.getEncoder().encodeToString(key) + "\n");
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            return read(file);
        } finally {
            Files.deleteIfExists(temp);
        }
        return key;
    }

    private static byte[] read(Path file) throws IOException {
        byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
        if (key.length < MIN_BYTES) {
            throw new IOException(file + " holds fewer than " + MIN_BYTES + " bytes; delete it to make a new one");
        }
        return key;
    }
}
