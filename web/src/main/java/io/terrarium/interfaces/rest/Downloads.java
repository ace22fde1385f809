package io.terrarium.interfaces.rest;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.build.BuildQueryService.ArtifactFile;
import io.terrarium.interfaces.storage.ArtifactKind;
import io.terrarium.interfaces.storage.StorageLinks;
import io.terrarium.interfaces.storage.StoredArtifact;
import io.terrarium.interfaces.storage.YamlPreference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Answers an artifact route as conda-store does: 307 to a signed link of the storage route
 * ({@code {url_prefix}/storage/{key}}), after the route's own permission check and a 404 for a missing file. A
 * lockfile link keeps the YAML choice ({@code Accept: application/yaml} or {@code ?format=yaml}) as
 * {@code format=yaml}.
 */
@ApplicationScoped
public class Downloads {

    @Inject
    StorageLinks links;

    /** A redirect to the artifact's file, or a 404 naming {@code missing} when there is none on disk. */
    Response redirect(Optional<ArtifactFile> artifact, ArtifactKind kind, String missing, UriInfo uri) {
        return redirect(artifact, kind, missing, uri, false);
    }

    /** The lockfile's redirect; the stored YAML is asked for through the Accept header or {@code format=yaml}. */
    Response lockfile(Optional<ArtifactFile> artifact, long buildId, HttpHeaders headers, UriInfo uri) {
        boolean yaml = YamlPreference.wantsYaml(
                uri.getQueryParameters().getFirst("format"), headers.getHeaderString(HttpHeaders.ACCEPT));
        return redirect(artifact, ArtifactKind.LOCKFILE, "build " + buildId + " has no lockfile", uri, yaml);
    }

    private Response redirect(
            Optional<ArtifactFile> artifact, ArtifactKind kind, String missing, UriInfo uri, boolean yaml) {
        ArtifactFile file = artifact.filter(a -> Files.isRegularFile(a.path()))
                .orElseThrow(() -> RequestRejectedException.notFound(missing));
        if (ArtifactKind.ofKey(file.key()).isEmpty()) {
            // a file recorded outside the storage directory has no storage route: served from here
            return stream(kind, file, yaml);
        }
        // the API's base URI is {application root}/api/: the storage route hangs off the same root (url_prefix)
        return Response.temporaryRedirect(links.location(uri.getBaseUri().resolve("../"), file.key(), yaml))
                .build();
    }

    private static Response stream(ArtifactKind kind, ArtifactFile file, boolean yaml) {
        StoredArtifact a;
        try {
            a = StoredArtifact.of(kind, file.path(), yaml, file.downloadName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamingOutput body = a.body()::writeTo;
        Response.ResponseBuilder r = Response.ok(body, a.contentType());
        if (a.attachmentName() != null) {
            r.header("Content-Disposition", "attachment; filename=\"" + a.attachmentName() + "\"");
        }
        return r.build();
    }
}
