package io.terrarium.interfaces.rest;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.build.BuildQueryService;
import io.terrarium.application.build.BuildQueryService.ArtifactFile;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.lock.CondaLock;
import io.terrarium.conda.lock.CondaLockYaml;
import io.terrarium.conda.lock.LockfileFormatException;
import io.terrarium.domain.model.build.BuildArtifactType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Streams an artifact file (log, lockfile, YAML export, archive) to the client with a fitting content type.
 */
final class Downloads {

    static final String YAML = "text/yaml; charset=utf-8";

    private Downloads() {}

    static Response file(Optional<ArtifactFile> artifact, String mediaType, boolean attachment, String missing) {
        ArtifactFile file = artifact.filter(a -> Files.isRegularFile(a.path()))
                .orElseThrow(() -> RequestRejectedException.notFound(missing));
        StreamingOutput body = out -> Files.copy(file.path(), out);
        Response.ResponseBuilder r = Response.ok(body, mediaType);
        if (attachment) {
            r.header("Content-Disposition", "attachment; filename=\"" + file.downloadName() + "\"");
        }
        return r.build();
    }

    /**
     * A build's conda-lock file, served under the build's and its environment's lockfile routes: conda-lock JSON as
     * conda-store serves it, or the stored YAML when the client asks for YAML ({@code Accept: application/yaml} or
     * {@code text/yaml}, or {@code ?format=yaml}).
     */
    static Response lockfile(BuildQueryService builds, long buildId, HttpHeaders headers, UriInfo uri) {
        Optional<ArtifactFile> artifact = builds.artifactFile(buildId, BuildArtifactType.LOCKFILE);
        String missing = "build " + buildId + " has no lockfile";
        if (wantsYaml(headers, uri)) {
            return file(artifact, YAML, false, missing);
        }
        ArtifactFile file = artifact.filter(a -> Files.isRegularFile(a.path()))
                .orElseThrow(() -> RequestRejectedException.notFound(missing));
        CondaLock lock;
        try {
            lock = CondaLockYaml.read(file.path());
        } catch (IOException | LockfileFormatException e) {
            // not a conda-lock file (an explicit one): served as stored, as conda-store serves its legacy lockfiles
            return file(artifact, "text/plain; charset=utf-8", false, missing);
        }
        return Response.ok(Json.writePretty(CondaLockJson.tree(lock)), ApiResponses.JSON)
                .build();
    }

    private static boolean wantsYaml(HttpHeaders headers, UriInfo uri) {
        if ("yaml".equals(uri.getQueryParameters().getFirst("format"))) {
            return true;
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue;
            }
            if (type.getSubtype().equals("yaml") || type.getSubtype().equals("x-yaml")) {
                return true;
            }
            if (type.getSubtype().equals("json")) {
                return false;
            }
        }
        return false;
    }
}
