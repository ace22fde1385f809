package io.terrarium.interfaces.storage;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.lock.CondaLock;
import io.terrarium.conda.lock.CondaLockYaml;
import io.terrarium.conda.lock.LockfileFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a stored artifact file is sent as: its content type, whether it is an attachment and under which name, and
 * its bytes; a lockfile becomes conda-store's conda-lock JSON unless the stored YAML is asked for.
 *
 * @param contentType    the Content-Type header
 * @param attachmentName the file name of a Content-Disposition attachment, or null to show the file inline
 * @param length         the Content-Length, or -1 when unknown (a log grows while a build runs)
 * @param body           writes the bytes
 */
public record StoredArtifact(String contentType, String attachmentName, long length, Body body) {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String YAML = "text/yaml; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";
    public static final String GZIP = "application/gzip";

    /** Writes an artifact's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param file         an existing regular file of that kind
     * @param downloadName the attachment name of an archive
     */
    public static StoredArtifact of(ArtifactKind kind, Path file, boolean wantsYaml, String downloadName)
            throws IOException {
        return switch (kind) {
            case LOGS -> raw(file, TEXT, null, -1);
            case YAML -> raw(file, YAML, null, Files.size(file));
            case ARCHIVE -> raw(file, GZIP, downloadName, Files.size(file));
            case LOCKFILE -> wantsYaml ? raw(file, YAML, null, Files.size(file)) : lockfileJson(file);
        };
    }

    private static StoredArtifact raw(Path file, String contentType, String attachmentName, long length) {
        return new StoredArtifact(contentType, attachmentName, length, out -> Files.copy(file, out));
    }

    private static StoredArtifact lockfileJson(Path file) throws IOException {
        CondaLock lock;
        try {
            lock = CondaLockYaml.read(file);
        } catch (IOException | LockfileFormatException e) {
            // not a conda-lock file (an explicit one): served as stored, as conda-store serves its legacy lockfiles
            return raw(file, TEXT, null, Files.size(file));
        }
        byte[] json = Json.writePretty(CondaLockJson.tree(lock)).getBytes(StandardCharsets.UTF_8);
        return new StoredArtifact(JSON, null, json.length, out -> out.write(json));
    }
}
