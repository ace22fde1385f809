package io.terrarium.interfaces.storage;

import io.terrarium.application.BuildLocations;
import io.terrarium.conda.json.Json;
import io.terrarium.interfaces.auth.TokenAuthenticator;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET {url_prefix}/storage/{key}}: serves a stored artifact to whoever holds a link the artifact routes
 * signed for that key (see {@link StorageLinks}); without a valid, unexpired signature it answers 403, and a key
 * that names no artifact file ({@link ArtifactKind}) answers 404 without touching the disk.
 */
@WebServlet(urlPatterns = "/storage/*")
public class StorageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TokenAuthenticator tokens;

    @Inject
    transient BuildLocations locations;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String key =
                request.getPathInfo() == null ? null : request.getPathInfo().substring(1);
        Optional<ArtifactKind> kind = ArtifactKind.ofKey(key);
        if (kind.isEmpty()) {
            error(response, 404, "no such stored artifact");
            return;
        }
        // checked before the disk is looked at, so an unsigned request learns nothing about which files exist
        if (!tokens.storageLinks().verify(key, expires(request), request.getParameter(StorageLinks.SIGNATURE))) {
            error(
                    response,
                    403,
                    "this storage link is not signed for the artifact or has expired; "
                            + "ask the artifact route of the API for a new one");
            return;
        }
        Optional<Path> file = insideStorage(key);
        if (file.isEmpty()) {
            error(response, 404, "no such stored artifact");
            return;
        }
        boolean yaml = YamlPreference.wantsYaml(request.getParameter("format"), request.getHeader("Accept"));
        Path f = file.get();
        send(response, StoredArtifact.of(kind.get(), f, yaml, ArtifactKind.downloadName(key)));
    }

    /** The key's file, when it is a regular file whose real path (symbolic links followed) lies in the storage. */
    private Optional<Path> insideStorage(String key) throws IOException {
        Path file;
        try {
            file = locations.storageFile(key);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path storage = locations.layout().settings().storageDirectory().toRealPath();
        Path real = file.toRealPath();
        return real.startsWith(storage) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(real)
                : Optional.empty();
    }

    private static long expires(HttpServletRequest request) {
        try {
            return Long.parseLong(request.getParameter(StorageLinks.EXPIRES));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    static void send(HttpServletResponse response, StoredArtifact artifact) throws IOException {
        response.setStatus(200);
        response.setContentType(artifact.contentType());
        // a signed link is a capability: neither it nor the bytes belong in a shared cache
        response.setHeader("Cache-Control", "private, no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (artifact.attachmentName() != null) {
            response.setHeader("Content-Disposition", "attachment; filename=\"" + artifact.attachmentName() + "\"");
        }
        if (artifact.length() >= 0) {
            response.setContentLengthLong(artifact.length());
        }
        artifact.body().writeTo(response.getOutputStream());
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream()
                .write(Json.write(Map.of("status", "error", "message", message)).getBytes(StandardCharsets.UTF_8));
    }
}
