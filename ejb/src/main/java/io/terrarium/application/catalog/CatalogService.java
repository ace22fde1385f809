package io.terrarium.application.catalog;

import io.terrarium.application.Page;
import io.terrarium.application.Paging;
import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.view.ChannelView;
import io.terrarium.application.view.PackageView;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.conda.CondaPackage;
import io.terrarium.infrastructure.persistence.BuildRepository;
import io.terrarium.infrastructure.persistence.CondaCatalogRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers channel and package queries: all known channels, package search with {@code distinct_on}, and the
 * packages one build installed.
 */
@Stateless
public class CatalogService {

    private static final Set<String> DISTINCT_KEYS = Set.of("channel", "name", "version");

    @Inject
    private CondaCatalogRepository catalog;

    @Inject
    private BuildRepository builds;

    @Inject
    private AuthorizationService authorization;

    public Page<ChannelView> channels(Paging paging) {
        return new Page<>(
                catalog.channels(paging.offset(), paging.size(), paging.descending()).stream()
                        .map(ChannelView::of)
                        .toList(),
                paging.page(),
                paging.size(),
                catalog.countChannels());
    }

    /**
     * Package search. {@code distinct_on} keys (channel, name, version) keep the first package of each distinct
     * combination and are put first in the sort order, as PostgreSQL's DISTINCT ON requires in conda-store.
     */
    public Page<PackageView> packages(PackageFilter filter, List<String> distinctOn, Paging paging) {
        List<String> distinct =
                distinctOn.stream().filter(DISTINCT_KEYS::contains).distinct().toList();
        List<String> sort = new ArrayList<>(distinct);
        for (String key : paging.sortBy().isEmpty() ? List.of("channel", "name", "version") : paging.sortBy()) {
            if (!sort.contains(key)) {
                sort.add(key);
            }
        }
        List<PackageView> items =
                catalog.packages(filter, distinct, sort, paging.descending(), paging.offset(), paging.size()).stream()
                        .map(PackageView::of)
                        .toList();
        return new Page<>(items, paging.page(), paging.size(), catalog.countPackages(filter, distinct));
    }

    /** sort_by: {@code channel}, {@code name} (default both). */
    public Page<PackageView> packagesOfBuild(long buildId, PackageFilter filter, Paging paging) {
        Build build =
                builds.find(buildId).orElseThrow(() -> RequestRejectedException.notFound("build id does not exist"));
        authorization.require(
                Permission.ENVIRONMENT_READ,
                AuthorizationService.arn(
                        build.getEnvironment().getNamespace().getName(),
                        build.getEnvironment().getName()));
        List<String> sort = paging.sortBy().isEmpty() ? List.of("channel", "name") : paging.sortBy();
        return page(catalog.packagesOfBuild(buildId, filter, sort, paging.descending()), paging);
    }

    private static Page<PackageView> page(List<CondaPackage> all, Paging paging) {
        int from = Math.min(paging.offset(), all.size());
        int to = Math.min(from + paging.size(), all.size());
        return new Page<>(
                all.subList(from, to).stream().map(PackageView::of).toList(), paging.page(), paging.size(), all.size());
    }
}
