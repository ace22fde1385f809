package io.terrarium.interfaces.rest;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.build.BuildQueryService;
import io.terrarium.application.build.BuildQueryService.ArtifactFile;
import io.terrarium.domain.model.build.BuildArtifactType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Streams an artifact file (log, lockfile, YAML export, archive) to the client with a fitting content type.
 */
final class Downloads {

    static final String YAML = "text/yaml; charset=utf-8";

    private Downloads() {
    }

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

    /** A build's conda-lock file, served under the build's and its environment's lockfile routes. */
    static Response lockfile(BuildQueryService builds, long buildId) {
        return file(builds.artifactFile(buildId, BuildArtifactType.LOCKFILE), YAML, false,
                "build " + buildId + " has no lockfile");
    }
}
