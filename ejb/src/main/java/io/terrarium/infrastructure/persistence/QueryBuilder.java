package io.terrarium.infrastructure.persistence;

import io.terrarium.application.security.ArnPattern;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a filtered JPQL query and its count query from optional conditions, so list endpoints can add
 * filters without string-concatenating user input (every value is a bound parameter).
 */
final class QueryBuilder {

    private final String from;
    private final String selected;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private int nextParameter;
    private boolean matchesNothing;

    /**
     * @param selected the alias or expression selected, e.g. {@code e}
     * @param from the FROM clause with joins, e.g. {@code Environment e JOIN e.namespace n}
     */
    QueryBuilder(String selected, String from) {
        this.selected = selected;
        this.from = from;
    }

    /** Adds a condition; each {@code ?} in it is bound, in order, to the given values. */
    QueryBuilder where(String condition, Object... values) {
        StringBuilder jpql = new StringBuilder();
        int v = 0;
        for (int i = 0; i < condition.length(); i++) {
            char c = condition.charAt(i);
            if (c == '?') {
                String name = "p" + nextParameter++;
                jpql.append(':').append(name);
                parameters.put(name, values[v++]);
            } else {
                jpql.append(c);
            }
        }
        if (v != values.length) {
            throw new IllegalArgumentException(
                    "condition " + condition + " takes " + v + " values, got " + values.length);
        }
        conditions.add(jpql.toString());
        return this;
    }

    /**
     * Keeps only rows one of the ARN patterns names, as conda-store filters lists: the namespace part matched with
     * SQL {@code LIKE} against {@code namespaceName} and, when {@code environmentName} is given, the name part
     * against it. No pattern at all matches nothing; a pattern {@code *}/{@code *} matches everything and adds no
     * condition.
     *
     * @param environmentName null to filter on the namespace only
     */
    QueryBuilder visibleTo(List<ArnPattern> scopes, String namespaceName, String environmentName) {
        if (scopes.isEmpty()) {
            matchesNothing = true;
            return this;
        }
        List<String> alternatives = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (ArnPattern scope : scopes) {
            boolean anyNamespace = scope.namespace().equals("*");
            boolean anyName = environmentName == null || scope.name().equals("*");
            if (anyNamespace && anyName) {
                return this;
            }
            List<String> parts = new ArrayList<>();
            if (!anyNamespace) {
                parts.add(namespaceName + " LIKE ? ESCAPE '\\'");
                values.add(scope.namespaceLike());
            }
            if (!anyName) {
                parts.add(environmentName + " LIKE ? ESCAPE '\\'");
                values.add(scope.nameLike());
            }
            alternatives.add(parts.size() == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")");
        }
        return where("(" + String.join(" OR ", alternatives) + ")", values.toArray());
    }

    /** True when {@link #visibleTo} was given no pattern: the query would return no row, so it need not run. */
    boolean matchesNothing() {
        return matchesNothing;
    }

    private String whereClause() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** @param orderBy JPQL order-by items (trusted text chosen from a whitelist), may be empty */
    <T> TypedQuery<T> select(EntityManager em, Class<T> type, List<String> orderBy) {
        String jpql = "SELECT " + selected + " FROM " + from + whereClause()
                + (orderBy.isEmpty() ? "" : " ORDER BY " + String.join(", ", orderBy));
        TypedQuery<T> q = em.createQuery(jpql, type);
        parameters.forEach(q::setParameter);
        return q;
    }

    long count(EntityManager em) {
        TypedQuery<Long> q = em.createQuery("SELECT COUNT(" + selected + ") FROM " + from + whereClause(), Long.class);
        parameters.forEach(q::setParameter);
        return q.getSingleResult();
    }

    /** Escapes LIKE wildcards in user text; the pattern must be used with {@code ESCAPE '\'}. */
    static String likeContains(String text) {
        return "%" + escapeLike(text) + "%";
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
