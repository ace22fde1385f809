package io.terrarium.application.environment;

import io.terrarium.application.CursorPage;
import io.terrarium.application.Page;
import io.terrarium.application.Paging;
import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.build.BuildActivation;
import io.terrarium.application.build.BuildCleanup;
import io.terrarium.application.security.ArnPattern;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.settings.SettingsService;
import io.terrarium.application.view.EnvironmentView;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.domain.model.build.BuildStatus;
import io.terrarium.domain.model.environment.Environment;
import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.infrastructure.messaging.BuildDispatcher;
import io.terrarium.infrastructure.persistence.BuildRepository;
import io.terrarium.infrastructure.persistence.EnvironmentRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists and reads environments, switches their active build, updates descriptions and deletes them.
 */
@Stateless
public class EnvironmentService {

    private static final Set<String> V2_SORT_KEYS = Set.of("namespace", "name");

    @Inject
    private EnvironmentRepository environments;

    @Inject
    private BuildRepository builds;

    @Inject
    private BuildActivation activation;

    @Inject
    private BuildCleanup cleanup;

    @Inject
    private SettingsService settings;

    @Inject
    private BuildDispatcher dispatcher;

    @Inject
    private AuthorizationService authorization;

    /**
     * v1 listing: sort_by {@code namespace}, {@code name} (default both); only the environments the caller may
     * read, filtered in the query so that page and count agree.
     *
     * @param tokenScopes null, or the patterns under which a token named by the request ({@code jwt}) may read
     *                    environments; the list is then restricted to those as well
     */
    public Page<EnvironmentView> list(EnvironmentFilter filter, Paging paging, List<ArnPattern> tokenScopes) {
        List<String> sort = paging.sortBy().isEmpty() ? List.of("namespace", "name") : paging.sortBy();
        List<List<ArnPattern>> visible = visibleTo(tokenScopes);
        List<EnvironmentView> items =
                environments.search(filter, visible, sort, paging.descending(), paging.offset(), paging.size()).stream()
                        .map(EnvironmentView::of)
                        .toList();
        return new Page<>(items, paging.page(), paging.size(), environments.count(filter, visible));
    }

    /**
     * v2 listing with cursor pagination, on the environments the caller may read; the page after the cursor is
     * selected in SQL, {@code count} is the number of all matching environments.
     *
     * @param sortBy sort keys (namespace, name); others are refused
     */
    public CursorPage<EnvironmentView> listV2(
            EnvironmentFilter filter, String cursorText, int limit, List<String> sortBy, boolean descending) {
        List<String> invalid =
                sortBy.stream().filter(k -> !V2_SORT_KEYS.contains(k)).toList();
        if (!invalid.isEmpty()) {
            throw RequestRejectedException.invalid("Cannot sort results by " + invalid);
        }
        EnvironmentCursor cursor = EnvironmentCursor.decode(cursorText);
        List<List<ArnPattern>> visible = visibleTo(null);
        List<Environment> page = environments.searchAfter(
                filter,
                visible,
                sortBy,
                descending,
                cursor.lastId(),
                cursor.isEnd() ? Map.of() : cursor.lastValue(),
                limit);
        String next = page.isEmpty()
                ? EnvironmentCursor.END.encode()
                : EnvironmentCursor.after(page.get(page.size() - 1), sortBy).encode();
        return new CursorPage<>(
                page.stream().map(EnvironmentView::of).toList(), next, environments.count(filter, visible));
    }

    private List<List<ArnPattern>> visibleTo(List<ArnPattern> tokenScopes) {
        List<ArnPattern> caller = authorization.scopesGranting(Permission.ENVIRONMENT_READ);
        return tokenScopes == null ? List.of(caller) : List.of(caller, tokenScopes);
    }

    public EnvironmentView get(String namespace, String name) {
        authorization.require(Permission.ENVIRONMENT_READ, AuthorizationService.arn(namespace, name));
        return EnvironmentView.of(live(namespace, name));
    }

    /** @return the environment's current build id (for the environment lockfile routes) */
    public long currentBuildId(String namespace, String name) {
        authorization.require(Permission.ENVIRONMENT_READ, AuthorizationService.arn(namespace, name));
        Environment env = live(namespace, name);
        if (env.getCurrentBuild() == null) {
            throw RequestRejectedException.notFound("environment " + namespace + "/" + name + " has no current build");
        }
        return env.getCurrentBuildId();
    }

    /**
     * Activates an older COMPLETED build of the environment and/or changes its description.
     *
     * @param buildId null to keep the current build
     * @param description null to keep the description
     */
    public void update(String namespace, String name, Long buildId, String description) {
        authorization.require(Permission.ENVIRONMENT_UPDATE, AuthorizationService.arn(namespace, name));
        Environment env = live(namespace, name);
        if (buildId != null) {
            Build build = builds.findForUpdate(buildId)
                    .orElseThrow(() -> RequestRejectedException.invalid("build id " + buildId + " does not exist"));
            if (!build.getEnvironment().getId().equals(env.getId())) {
                throw RequestRejectedException.invalid(
                        "build id " + buildId + " does not belong to environment " + namespace + "/" + name);
            }
            if (build.getStatus() != BuildStatus.COMPLETED || build.isDeleted()) {
                throw RequestRejectedException.invalid("cannot update environment to build id " + buildId
                        + " since it is " + (build.isDeleted() ? "deleted" : build.getStatus() + ", not COMPLETED"));
            }
            activation.activate(build);
        }
        if (description != null) {
            env.setDescription(description);
        }
    }

    public void delete(String namespace, String name) {
        authorization.require(Permission.ENVIRONMENT_DELETE, AuthorizationService.arn(namespace, name));
        deleteEnvironment(live(namespace, name));
    }

    /** Cancels running builds, soft-deletes the environment and its builds and removes their files. */
    public void deleteEnvironment(Environment env) {
        List<BuildArtifactType> keep =
                settings.effective(env.getNamespace().getName(), env.getName()).buildArtifactsKeptOnDeletion();
        for (Build build : builds.ofEnvironment(env)) {
            if (build.getStatus() == BuildStatus.BUILDING) {
                dispatcher.cancel(build.getId());
            }
            if (!build.getStatus().isFinal()) {
                build.markCanceled(
                        "build " + build.getId() + " canceled: its environment was deleted", Timestamps.now());
            }
            if (!build.isDeleted()) {
                cleanup.delete(build, keep);
            }
        }
        env.setCurrentBuild(null);
        env.markDeleted(Timestamps.now());
    }

    private Environment live(String namespace, String name) {
        return environments
                .find(namespace, name)
                .orElseThrow(() -> RequestRejectedException.notFound("environment does not exist"));
    }
}
