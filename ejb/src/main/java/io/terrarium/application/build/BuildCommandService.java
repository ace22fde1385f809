package io.terrarium.application.build;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.settings.SettingsService;
import io.terrarium.application.specification.ChannelAccess;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.build.BuildStatus;
import io.terrarium.domain.model.environment.Environment;
import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.infrastructure.messaging.BuildDispatcher;
import io.terrarium.infrastructure.persistence.BuildRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * What users do to builds through the API: rebuild, cancel and delete.
 */
@Stateless
public class BuildCommandService {

    @Inject
    private BuildRepository builds;

    @Inject
    private BuildDispatcher dispatcher;

    @Inject
    private SettingsService settings;

    @Inject
    private BuildCleanup cleanup;

    @Inject
    private BuildService buildService;

    @Inject
    private AuthorizationService authorization;

    @Inject
    private StorageThreshold storage;

    @Inject
    private ChannelAccess channelAccess;

    /** Queues a new build of the same environment and specification. @return the new build's id */
    public long rebuild(long buildId) {
        Build old = existing(buildId);
        Environment env = old.getEnvironment();
        authorization.require(Permission.ENVIRONMENT_UPDATE, arn(old));
        if (env.isDeleted()) {
            throw RequestRejectedException.invalid("cannot rebuild build " + buildId + ": its environment was deleted");
        }
        storage.requireSpaceFor("environment:update");
        channelAccess.requireRebuildable(
                old.getSpecification().getSpecJson(),
                old.getSpecification().isLockfile(),
                env.getName(),
                settings.effective(env.getNamespace().getName(), env.getName()));
        Build build = new Build(
                env,
                old.getSpecification(),
                settings.effective(env.getNamespace().getName(), env.getName()).buildKeyVersion(),
                Timestamps.now());
        builds.add(build);
        dispatcher.enqueue(build.getId());
        return build.getId();
    }

    /**
     * Cancels a QUEUED or BUILDING build: under its row lock it becomes CANCELED at once, whichever worker runs it;
     * that worker's watcher notices within a second, stops the job and removes the partial prefix (a queued build's
     * message is dropped when it arrives). A canceled build is never resumed.
     *
     * @throws RequestRejectedException CONFLICT when the build already ended
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void cancel(long buildId) {
        BuildStatus status = buildService.statusForCancel(buildId);
        if (!status.isFinal()) {
            status = buildService.cancelForUser(
                    buildId, "build " + buildId + " marked as CANCELED due to being canceled from the REST API");
        }
        if (status.isFinal()) {
            throw RequestRejectedException.conflict(
                    "build " + buildId + " is already " + status + " and cannot be canceled");
        }
        if (status == BuildStatus.BUILDING) {
            // the fast path when this process runs it; other workers' watchers stop theirs
            dispatcher.cancel(buildId);
        }
    }

    /**
     * Soft-deletes a finished build and removes its prefix and artifacts (those not kept on deletion).
     *
     * @throws RequestRejectedException BAD_REQUEST (conda-store's status and message) while the build is queued or
     *                                  running
     */
    public void delete(long buildId) {
        Build build = builds.findForUpdate(buildId)
                .orElseThrow(() -> RequestRejectedException.notFound("build id does not exist"));
        authorization.require(Permission.BUILD_DELETE, arn(build));
        if (!build.getStatus().isFinal()) {
            throw RequestRejectedException.invalid("cannot delete build since not finished building");
        }
        if (build.isDeleted()) {
            return;
        }
        Environment env = build.getEnvironment();
        cleanup.delete(
                build,
                settings.effective(env.getNamespace().getName(), env.getName()).buildArtifactsKeptOnDeletion());
    }

    private Build existing(long buildId) {
        return builds.find(buildId).orElseThrow(() -> RequestRejectedException.notFound("build id does not exist"));
    }

    private static String arn(Build b) {
        return AuthorizationService.arn(
                b.getEnvironment().getNamespace().getName(), b.getEnvironment().getName());
    }
}
