package io.terrarium.application.specification;

import io.terrarium.application.BuildLocations;
import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.build.StorageThreshold;
import io.terrarium.application.namespace.NamespaceService;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.settings.EffectiveSettings;
import io.terrarium.application.settings.SettingsService;
import io.terrarium.conda.json.Json;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.environment.Environment;
import io.terrarium.domain.model.namespace.Namespace;
import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.domain.model.specification.EnvironmentSpecification;
import io.terrarium.domain.model.specification.InvalidSpecificationException;
import io.terrarium.domain.model.specification.LockfileSpecification;
import io.terrarium.domain.model.specification.Specification;
import io.terrarium.domain.model.specification.SpecificationContent;
import io.terrarium.infrastructure.config.ChannelResolver;
import io.terrarium.infrastructure.messaging.BuildDispatcher;
import io.terrarium.infrastructure.persistence.BuildRepository;
import io.terrarium.infrastructure.persistence.EnvironmentRepository;
import io.terrarium.infrastructure.persistence.SpecificationRepository;
import io.terrarium.infrastructure.store.BuildPathTooLongException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Accepts a submitted specification: validates it with the settings in force, stores the specification, the
 * environment and a QUEUED build, and queues the build, all in one transaction (so a refused or failed
 * submission leaves nothing behind, and a stored build always has its message).
 */
@Stateless
public class SpecificationService {

    @Inject
    private NamespaceService namespaces;

    @Inject
    private EnvironmentRepository environments;

    @Inject
    private SpecificationRepository specifications;

    @Inject
    private BuildRepository builds;

    @Inject
    private SettingsService settings;

    @Inject
    private ChannelResolver channels;

    @Inject
    private BuildLocations locations;

    @Inject
    private BuildDispatcher dispatcher;

    @Inject
    private StorageThreshold storage;

    @Inject
    private AuthorizationService authorization;

    @Inject
    private ChannelAccess channelAccess;

    /** A submission as {@code POST /api/v1/specification/} receives it. */
    public record Submission(
            String specification,
            String namespace,
            boolean lockfile,
            String environmentName,
            String environmentDescription) {}

    /**
     * @return the id of the queued build
     * @throws RequestRejectedException INVALID for a specification, name or path that cannot be accepted
     */
    public long submit(Submission submission) {
        SpecificationContent content;
        try {
            content = submission.lockfile()
                    ? LockfileSpecification.parse(
                            submission.specification(),
                            submission.environmentName(),
                            submission.environmentDescription())
                    : EnvironmentSpecification.parse(submission.specification());
        } catch (InvalidSpecificationException e) {
            throw RequestRejectedException.invalid(e.getMessage());
        }
        String namespaceName =
                submission.namespace() == null || submission.namespace().isBlank()
                        ? authorization.primaryNamespaceOr(
                                settings.effective(null, null).defaultNamespace())
                        : submission.namespace();
        NamespaceService.checkName(namespaceName);
        // both permissions before anything else is checked, as conda-store does
        String arn = AuthorizationService.arn(namespaceName, content.name());
        authorization.require(Permission.ENVIRONMENT_CREATE, arn);
        if (!namespaces.exists(namespaceName)) {
            authorization.require(Permission.NAMESPACE_CREATE, arn);
        }

        storage.requireSpaceFor("environment:create");

        EffectiveSettings effective = settings.effective(namespaceName, content.name());
        if (content instanceof EnvironmentSpecification env) {
            try {
                content = new SpecificationPolicy(effective, channels::resolve).apply(env);
            } catch (InvalidSpecificationException e) {
                throw RequestRejectedException.invalid(e.getMessage());
            }
            channelAccess.requireUsable(((EnvironmentSpecification) content).channels());
            channelAccess.requirePipUsable(((EnvironmentSpecification) content).pipDependencies());
        } else if (content instanceof LockfileSpecification lockfile) {
            channelAccess.requireLockfileAllowed(lockfile, effective);
        }
        Namespace namespace = namespaces.ensure(namespaceName);
        Specification specification = storeSpecification(content);
        Environment environment = environment(namespace, content);
        boolean newEnvironment = environment.getCurrentBuild() == null;

        Build build = new Build(environment, specification, effective.buildKeyVersion(), Timestamps.now());
        builds.add(build);
        try {
            locations.buildPath(build);
        } catch (BuildPathTooLongException e) {
            throw RequestRejectedException.invalid(e.getMessage());
        }
        if (newEnvironment) {
            // as conda-store does: a new environment points at its first build right away
            environment.setCurrentBuild(build);
        }
        dispatcher.enqueue(build.getId());
        return build.getId();
    }

    private Specification storeSpecification(SpecificationContent content) {
        String sha256 = content.sha256();
        return specifications.findBySha256(sha256).orElseGet(() -> {
            Specification created = new Specification(
                    content.name(), Json.write(content.toTree()), sha256, content.isLockfile(), Timestamps.now());
            specifications.add(created);
            return created;
        });
    }

    private Environment environment(Namespace namespace, SpecificationContent content) {
        Environment environment =
                environments.findAny(namespace, content.name()).orElse(null);
        if (environment == null) {
            environment = new Environment(namespace, content.name(), content.description());
            environments.add(environment);
            return environment;
        }
        if (environment.isDeleted()) {
            environment.restore();
            environment.setCurrentBuild(null);
            environment.setDescription(content.description());
        } else if (!content.description().isEmpty()) {
            environment.setDescription(content.description());
        }
        return environment;
    }
}
