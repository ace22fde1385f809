package io.terrarium.application.namespace;

import io.terrarium.application.Page;
import io.terrarium.application.Paging;
import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.environment.EnvironmentService;
import io.terrarium.application.security.ArnPattern;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.security.Role;
import io.terrarium.application.security.RoleBindings;
import io.terrarium.application.view.NamespaceView;
import io.terrarium.conda.json.Json;
import io.terrarium.domain.model.namespace.Namespace;
import io.terrarium.domain.model.shared.Names;
import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.infrastructure.persistence.EnvironmentRepository;
import io.terrarium.infrastructure.persistence.NamespaceRepository;
import io.terrarium.infrastructure.persistence.NamespaceRoleMappingRepository;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists, creates, updates and deletes namespaces, with their v1 role mappings.
 */
@Stateless
public class NamespaceService {

    @Inject
    private NamespaceRepository namespaces;

    @Inject
    private NamespaceRoleMappingRepository roleMappings;

    @Inject
    private EnvironmentRepository environments;

    @Inject
    private EnvironmentService environmentService;

    @Inject
    private AuthorizationService authorization;

    @Inject
    private StoreLayout layout;

    /** The live namespaces the caller may read (filtered in the query, so page and count agree), by name. */
    public Page<NamespaceView> list(Paging paging) {
        List<ArnPattern> visible = authorization.scopesGranting(Permission.NAMESPACE_READ);
        return new Page<>(
                namespaces.list(visible, paging.offset(), paging.size(), paging.descending()).stream()
                        .map(NamespaceView::summary)
                        .toList(),
                paging.page(),
                paging.size(),
                namespaces.count(visible));
    }

    public NamespaceView get(String name) {
        authorization.require(Permission.NAMESPACE_READ, AuthorizationService.arn(name));
        return NamespaceView.of(live(name));
    }

    /** @throws RequestRejectedException CONFLICT if it exists, INVALID if the name is not allowed */
    public NamespaceView create(String name) {
        // a name no ARN can match would be refused as not authorized: say what is wrong with it instead
        checkName(name);
        authorization.require(Permission.NAMESPACE_CREATE, AuthorizationService.arn(name));
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

    /** @return true when the namespace exists and is not deleted */
    public boolean exists(String name) {
        return namespaces.findByName(name).isPresent();
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

    /** conda-store's metadata route: needs only {@code namespace::update}. */
    public void updateMetadata(String name, Map<String, Object> metadata) {
        authorization.require(Permission.NAMESPACE_UPDATE, AuthorizationService.arn(name));
        live(name).setMetadataJson(Json.write(metadata));
    }

    /**
     * conda-store's namespace update: needs {@code namespace::update}, {@code namespace-role-mapping::create} and
     * {@code ::delete} whatever the body holds.
     *
     * @param metadata     null to keep the metadata
     * @param roleMappings null to keep the v1 role mappings; otherwise they replace all of them
     * @throws RequestRejectedException INVALID naming the first ARN or role that is not valid (nothing is changed)
     */
    public void update(String name, Map<String, Object> metadata, Map<String, List<String>> roleMappings) {
        String arn = AuthorizationService.arn(name);
        authorization.require(Permission.NAMESPACE_UPDATE, arn);
        authorization.require(Permission.NAMESPACE_ROLE_MAPPING_CREATE, arn);
        authorization.require(Permission.NAMESPACE_ROLE_MAPPING_DELETE, arn);
        Namespace namespace = live(name);
        List<Map.Entry<String, String>> mappings = roleMappings == null ? null : validated(roleMappings);
        if (mappings != null) {
            requireHeldByCaller(mappings);
        }
        if (metadata != null) {
            namespace.setMetadataJson(Json.write(metadata));
        }
        if (mappings != null) {
            namespace.replaceRoleMappings(mappings);
        }
    }

    /**
     * A v1 mapping on a namespace gives every entity whose primary namespace it is the mapped roles on any ARN, so
     * the admin of a namespace (every entity is admin of its own) could otherwise make itself admin of everything:
     * the caller must hold, under patterns covering each mapped ARN, every permission the mapped roles grant (the
     * rule conda-store applies to new tokens).
     */
    private void requireHeldByCaller(List<Map.Entry<String, String>> mappings) {
        Map<String, List<String>> wire = new java.util.LinkedHashMap<>();
        mappings.forEach(
                m -> wire.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(m.getValue()));
        if (!authorization.effectiveBindings().covers(RoleBindings.parse(wire))) {
            throw new RequestRejectedException(
                    RequestRejectedException.Reason.FORBIDDEN,
                    "request not authorized: role_mappings may only grant roles the caller holds on those ARNs");
        }
    }

    /**
     * @return entity and role pairs, roles by their stored name ({@code editor} becomes {@code developer})
     */
    static List<Map.Entry<String, String>> validated(Map<String, List<String>> roleMappings) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (Map.Entry<String, List<String>> mapping : roleMappings.entrySet()) {
            String entity = mapping.getKey();
            if (!ArnPattern.isValid(entity)) {
                throw RequestRejectedException.invalid("role_mappings: " + invalidMessage(entity));
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String role : mapping.getValue()) {
                try {
                    roles.add(Role.parse(role).wireName());
                } catch (IllegalArgumentException e) {
                    throw RequestRejectedException.invalid(
                            "role_mappings: " + e.getMessage() + " (for entity '" + entity + "')");
                }
            }
            roles.forEach(role -> pairs.add(Map.entry(entity, role)));
        }
        return pairs;
    }

    private static String invalidMessage(String entity) {
        try {
            ArnPattern.parse(entity);
            return "invalid ARN '" + entity + "'";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Soft-deletes the namespace with its environments and builds, removes their files, and removes every role
     * mapping that names it (its own v1 mappings, v2 mappings on either side, and v1 mappings elsewhere whose ARN
     * names it without a wildcard), so a namespace created again under that name, perhaps by someone else, starts
     * with no grants.
     */
    public void delete(String name) {
        authorization.require(Permission.NAMESPACE_DELETE, AuthorizationService.arn(name));
        Namespace namespace = live(name);
        environments.inNamespace(namespace).forEach(environmentService::deleteEnvironment);
        namespace.replaceRoleMappings(List.of());
        roleMappings.deleteV2Involving(namespace);
        roleMappings.deleteV1Naming(name);
        namespace.markDeleted(Timestamps.now());
        layout.removeEmptyNamespaceDirectory(name);
    }

    private Namespace live(String name) {
        return namespaces
                .findByName(name)
                .orElseThrow(() -> RequestRejectedException.notFound("namespace does not exist"));
    }

    /** @throws RequestRejectedException INVALID saying why {@code name} cannot name a namespace */
    public static void checkName(String name) {
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
