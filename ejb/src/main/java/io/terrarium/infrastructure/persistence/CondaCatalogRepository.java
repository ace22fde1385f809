package io.terrarium.infrastructure.persistence;

import io.terrarium.application.catalog.PackageFilter;
import io.terrarium.domain.model.conda.CondaChannel;
import io.terrarium.domain.model.conda.CondaPackage;
import io.terrarium.domain.model.conda.CondaPackageBuild;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Stores the channels, packages and package builds that builds installed, and answers package searches.
 */
@ApplicationScoped
public class CondaCatalogRepository {

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    public Optional<CondaChannel> findChannel(String name) {
        return em.createQuery("SELECT c FROM CondaChannel c WHERE c.name = :n", CondaChannel.class)
                .setParameter("n", name)
                .getResultStream()
                .findFirst();
    }

    public CondaChannel channel(String name) {
        return findChannel(name).orElseGet(() -> {
            CondaChannel c = new CondaChannel(name);
            em.persist(c);
            return c;
        });
    }

    public CondaPackage condaPackage(CondaChannel channel, String name, String version) {
        return em.createQuery(
                        "SELECT p FROM CondaPackage p WHERE p.channel = :c AND p.name = :n AND p.version = :v",
                        CondaPackage.class)
                .setParameter("c", channel)
                .setParameter("n", name)
                .setParameter("v", version)
                .getResultStream()
                .findFirst()
                .orElseGet(() -> {
                    CondaPackage p = new CondaPackage(channel, name, version);
                    em.persist(p);
                    return p;
                });
    }

    /** @return the existing package build with these coordinates, if any */
    public Optional<CondaPackageBuild> findPackageBuild(
            CondaPackage pkg, String subdir, String build, long buildNumber, String sha256) {
        String jpql = "SELECT pb FROM CondaPackageBuild pb WHERE pb.condaPackage = :p AND pb.build = :b"
                + " AND pb.buildNumber = :bn AND " + (subdir == null ? "pb.subdir IS NULL" : "pb.subdir = :s")
                + " AND " + (sha256 == null ? "pb.sha256 IS NULL" : "pb.sha256 = :sha");
        var q = em.createQuery(jpql, CondaPackageBuild.class)
                .setParameter("p", pkg)
                .setParameter("b", build)
                .setParameter("bn", buildNumber);
        if (subdir != null) {
            q.setParameter("s", subdir);
        }
        if (sha256 != null) {
            q.setParameter("sha", sha256);
        }
        return q.getResultStream().findFirst();
    }

    public void add(CondaPackageBuild packageBuild) {
        em.persist(packageBuild);
    }

    public List<CondaChannel> channels(int offset, int limit, boolean descending) {
        return em.createQuery(
                        "SELECT c FROM CondaChannel c ORDER BY c.name " + (descending ? "DESC" : "ASC"),
                        CondaChannel.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long countChannels() {
        return em.createQuery("SELECT COUNT(c) FROM CondaChannel c", Long.class).getSingleResult();
    }

    /** All packages matching the filter in the given order (distinct_on is applied by the caller). */
    public List<CondaPackage> packages(PackageFilter filter, List<String> orderBy, boolean descending) {
        QueryBuilder q = new QueryBuilder("p", "CondaPackage p JOIN p.channel c");
        applyPackageFilter(q, filter, "p");
        return q.select(em, CondaPackage.class, orderClauses(orderBy, descending, "p"))
                .getResultList();
    }

    /** Distinct packages installed by one build, matching the filter, in the given order. */
    public List<CondaPackage> packagesOfBuild(
            long buildId, PackageFilter filter, List<String> orderBy, boolean descending) {
        // EXISTS rather than DISTINCT over a join: PostgreSQL refuses ORDER BY c.name with SELECT DISTINCT p
        QueryBuilder q = new QueryBuilder("p", "CondaPackage p JOIN p.channel c")
                .where(
                        "p.id IN (SELECT pb.condaPackage.id FROM Build bd JOIN bd.packageBuilds pb WHERE bd.id = ?)",
                        buildId);
        applyPackageFilter(q, filter, "p");
        return q.select(em, CondaPackage.class, orderClauses(orderBy, descending, "p"))
                .getResultList();
    }

    private static void applyPackageFilter(QueryBuilder q, PackageFilter f, String alias) {
        if (f.search() != null && !f.search().isEmpty()) {
            if (f.exact()) {
                q.where(alias + ".name = ?", f.search());
            } else {
                q.where(
                        "LOWER(" + alias + ".name) LIKE ? ESCAPE '\\'",
                        QueryBuilder.likeContains(f.search().toLowerCase(Locale.ROOT)));
            }
        }
        if (f.build() != null && !f.build().isEmpty()) {
            q.where(
                    alias
                            + ".id IN (SELECT x.condaPackage.id FROM CondaPackageBuild x WHERE x.build LIKE ? ESCAPE '\\')",
                    QueryBuilder.likeContains(f.build()));
        }
    }

    static List<String> orderClauses(List<String> orderBy, boolean descending, String alias) {
        String direction = descending ? " DESC" : " ASC";
        List<String> clauses = new ArrayList<>();
        for (String key : orderBy) {
            switch (key) {
                case "channel" -> clauses.add("c.name" + direction);
                case "name" -> clauses.add(alias + ".name" + direction);
                case "version" -> clauses.add(alias + ".version" + direction);
                default -> {
                    // conda-store ignores unknown sort keys
                }
            }
        }
        clauses.add(alias + ".id" + direction);
        return clauses;
    }
}
