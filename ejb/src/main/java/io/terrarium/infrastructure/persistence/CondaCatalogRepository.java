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

    /**
     * One page of the packages matching the filter. With {@code distinctOn} keys ({@code channel}, {@code name},
     * {@code version}) one package stands for each distinct combination (the oldest one, lowest id), as PostgreSQL's
     * DISTINCT ON does in conda-store; the database does the grouping and the paging, the catalog of an indexed
     * conda-forge never comes into memory.
     */
    public List<CondaPackage> packages(
            PackageFilter filter,
            List<String> distinctOn,
            List<String> orderBy,
            boolean descending,
            int offset,
            int limit) {
        return packageQuery(filter, distinctOn)
                .select(em, CondaPackage.class, orderClauses(orderBy, descending, "p"))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    /** @return how many packages {@link #packages} pages through */
    public long countPackages(PackageFilter filter, List<String> distinctOn) {
        return packageQuery(filter, distinctOn).count(em);
    }

    private static QueryBuilder packageQuery(PackageFilter filter, List<String> distinctOn) {
        QueryBuilder q = new QueryBuilder("p", "CondaPackage p JOIN p.channel c");
        if (distinctOn.isEmpty()) {
            applyPackageFilter(q, filter, "p");
            return q;
        }
        List<String> groupBy = new ArrayList<>();
        for (String key : distinctOn) {
            switch (key) {
                case "channel" -> groupBy.add("d.channel.id");
                case "name" -> groupBy.add("d.name");
                case "version" -> groupBy.add("d.version");
                default -> throw new IllegalArgumentException("not a distinct_on key: " + key);
            }
        }
        List<Object> values = new ArrayList<>();
        String where = String.join(" AND ", packageConditions(filter, "d", values));
        q.where(
                "p.id IN (SELECT MIN(d.id) FROM CondaPackage d" + (where.isEmpty() ? "" : " WHERE " + where)
                        + " GROUP BY " + String.join(", ", groupBy) + ")",
                values.toArray());
        return q;
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
        List<Object> values = new ArrayList<>();
        for (String condition : packageConditions(f, alias, values)) {
            int n = (int) condition.chars().filter(ch -> ch == '?').count();
            q.where(condition, values.subList(0, n).toArray());
            values.subList(0, n).clear();
        }
    }

    /** The filter as JPQL conditions on {@code alias}, each {@code ?} bound to the next of {@code values}. */
    private static List<String> packageConditions(PackageFilter f, String alias, List<Object> values) {
        List<String> conditions = new ArrayList<>();
        if (f.search() != null && !f.search().isEmpty()) {
            if (f.exact()) {
                conditions.add(alias + ".name = ?");
                values.add(f.search());
            } else {
                conditions.add("LOWER(" + alias + ".name) LIKE ? ESCAPE '\\'");
                values.add(QueryBuilder.likeContains(f.search().toLowerCase(Locale.ROOT)));
            }
        }
        if (f.build() != null && !f.build().isEmpty()) {
            conditions.add(alias
                    + ".id IN (SELECT x.condaPackage.id FROM CondaPackageBuild x WHERE x.build LIKE ? ESCAPE '\\')");
            values.add(QueryBuilder.likeContains(f.build()));
        }
        return conditions;
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
