package io.terrarium.application.catalog;

import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.view.UsageView;
import io.terrarium.domain.model.namespace.Namespace;
import io.terrarium.infrastructure.persistence.BuildRepository;
import io.terrarium.infrastructure.persistence.NamespaceRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports per-namespace usage: environments, builds and the bytes their prefixes take.
 */
@Stateless
public class UsageService {

    @Inject
    private NamespaceRepository namespaces;

    @Inject
    private BuildRepository builds;

    @Inject
    private AuthorizationService authorization;

    /** @return the usage of the namespaces the caller may read, by name */
    public List<UsageView> usage() {
        List<UsageView> out = new ArrayList<>();
        for (Namespace n :
                namespaces.list(authorization.scopesGranting(Permission.NAMESPACE_READ), 0, Integer.MAX_VALUE, false)) {
            long[] u = builds.usage(n.getId());
            out.add(new UsageView(n.getName(), u[0], u[1], u[2]));
        }
        return out;
    }
}
