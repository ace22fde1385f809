package io.terrarium.application.namespace;

import io.terrarium.application.Page;
import io.terrarium.application.Paging;
import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.environment.EnvironmentService;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.view.NamespaceView;
import io.terrarium.conda.json.Json;
import io.terrarium.domain.model.namespace.Namespace;
import io.terrarium.domain.model.shared.Names;
import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.infrastructure.persistence.EnvironmentRepository;
import io.terrarium.infrastructure.persistence.NamespaceRepository;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Lists, creates, updates and deletes namespaces.
 */
@Stateless
public class NamespaceService {

    @Inject
    private NamespaceRepository namespaces;

    @Inject
    private EnvironmentRepository environments;

    @Inject
    private EnvironmentService environmentService;

    @Inject
    private AuthorizationService authorization;

    @Inject
    private StoreLayout layout;

    public Page<NamespaceView> list(Paging paging) {
        return new Page<>(
                namespaces.list(paging.offset(), paging.size(), paging.descending()).stream()
                        .map(NamespaceView::of)
                        .toList(),
                paging.page(),
                paging.size(),
                namespaces.count());
    }

    public NamespaceView get(String name) {
        authorization.require(Permission.NAMESPACE_READ, AuthorizationService.arn(name));
        return NamespaceView.of(live(name));
    }

    /** @throws RequestRejectedException CONFLICT if it exists, INVALID if the name is not allowed */
    public NamespaceView create(String name) {
        authorization.require(Permission.NAMESPACE_CREATE, AuthorizationService.arn(name));
        checkName(name);
        Namespace existing = namespaces.findAnyByName(name).orElse(null);
        if (existing != null && !existing.isDeleted()) {
            throw RequestRejectedException.conflict("namespace already exists");
        }
        if (existing != null) {
            existing.restore();
            existing.setMetadataJson("{}");
            return NamespaceView.of(existing);
        }
        Namespace created = new Namespace(name);
        namespaces.add(created);
        return NamespaceView.of(created);
    }

    /**
     * Creates the namespace if it never existed: the server's own act at startup, so no caller's permission applies.
     * A namespace deleted since stays deleted.
     *
     * @return true when it was created now
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean createIfNeverCreated(String name) {
        checkName(name);
        if (namespaces.findAnyByName(name).isPresent()) {
            return false;
        }
        namespaces.add(new Namespace(name));
        return true;
    }

    /** Returns the live namespace, creating (or restoring) it when missing; for specification submissions. */
    public Namespace ensure(String name) {
        checkName(name);
        Namespace existing = namespaces.findAnyByName(name).orElse(null);
        if (existing == null) {
            authorization.require(Permission.NAMESPACE_CREATE, AuthorizationService.arn(name));
            Namespace created = new Namespace(name);
            namespaces.add(created);
            return created;
        }
        if (existing.isDeleted()) {
            authorization.require(Permission.NAMESPACE_CREATE, AuthorizationService.arn(name));
            existing.restore();
            existing.setMetadataJson("{}");
        }
        return existing;
    }

    public void updateMetadata(String name, Map<String, Object> metadata) {
        authorization.require(Permission.NAMESPACE_UPDATE, AuthorizationService.arn(name));
        live(name).setMetadataJson(Json.write(metadata));
    }

    /** Soft-deletes the namespace with its environments and builds, and removes their files. */
    public void delete(String name) {
        authorization.require(Permission.NAMESPACE_DELETE, AuthorizationService.arn(name));
        Namespace namespace = live(name);
        environments.inNamespace(namespace).forEach(environmentService::deleteEnvironment);
        namespace.markDeleted(Timestamps.now());
        layout.removeEmptyNamespaceDirectory(name);
    }

    private Namespace live(String name) {
        return namespaces
                .findByName(name)
                .orElseThrow(() -> RequestRejectedException.notFound("namespace does not exist"));
    }

    static void checkName(String name) {
        String problem = Names.problem("namespace", name);
        if (problem != null) {
            throw RequestRejectedException.invalid(problem);
        }
        if (StoreLayout.RESERVED_NAMESPACES.contains(name)) {
            throw RequestRejectedException.invalid(
                    "namespace name '" + name + "' is reserved: the store keeps its own directory of that name");
        }
    }
}
