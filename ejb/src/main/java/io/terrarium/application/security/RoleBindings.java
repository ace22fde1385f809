package io.terrarium.application.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * conda-store's role bindings, {@code {"ns/env": ["viewer"|"developer"|"admin"]}}, and the decisions taken on them:
 * the permissions on a resource, the merge of several sources, and the subset rule for new tokens. Immutable.
 */
public final class RoleBindings {

    public static final RoleBindings NONE = new RoleBindings(Map.of());

    private final Map<ArnPattern, Set<Role>> bindings;

    private RoleBindings(Map<ArnPattern, Set<Role>> bindings) {
        this.bindings = Collections.unmodifiableMap(bindings);
    }

    /**
     * Reads conda-store's wire form.
     *
     * @throws IllegalArgumentException naming the bad ARN or role
     */
    public static RoleBindings parse(Map<String, ? extends Collection<String>> wire) {
        Map<ArnPattern, Set<Role>> parsed = new LinkedHashMap<>();
        wire.forEach((arn, roles) -> {
            Set<Role> set = EnumSet.noneOf(Role.class);
            for (String role : roles) {
                set.add(Role.parse(role));
            }
            parsed.put(ArnPattern.parse(arn), set);
        });
        return new RoleBindings(parsed);
    }

    public static RoleBindings of(String arn, Role... roles) {
        Set<Role> set = EnumSet.noneOf(Role.class);
        set.addAll(List.of(roles));
        return new RoleBindings(Map.of(ArnPattern.parse(arn), set));
    }

    /** conda-store's dict merge: an ARN bound in {@code later} replaces this one's roles for that ARN. */
    public RoleBindings overriddenBy(RoleBindings later) {
        Map<ArnPattern, Set<Role>> merged = new LinkedHashMap<>(bindings);
        merged.putAll(later.bindings);
        return new RoleBindings(merged);
    }

    /** The union of the permissions of every binding whose pattern matches the resource ARN. */
    public Set<Permission> permissionsOn(String arn) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        bindings.forEach((pattern, roles) -> {
            if (pattern.matches(arn)) {
                roles.forEach(role -> permissions.addAll(role.permissions()));
            }
        });
        return permissions;
    }

    public boolean allows(Permission permission, String arn) {
        return permissionsOn(arn).contains(permission);
    }

    /**
     * conda-store's rule for new tokens: for each requested binding, the union of the permissions of this set's
     * bindings whose pattern covers it must hold every permission the requested roles grant.
     */
    public boolean covers(RoleBindings requested) {
        for (Map.Entry<ArnPattern, Set<Role>> wanted : requested.bindings.entrySet()) {
            Set<Permission> held = EnumSet.noneOf(Permission.class);
            bindings.forEach((pattern, roles) -> {
                if (pattern.covers(wanted.getKey())) {
                    roles.forEach(role -> held.addAll(role.permissions()));
                }
            });
            for (Role role : wanted.getValue()) {
                if (!held.containsAll(role.permissions())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The patterns of the bindings that grant {@code permission}, for filtering lists in SQL. */
    public List<ArnPattern> patternsGranting(Permission permission) {
        List<ArnPattern> patterns = new ArrayList<>();
        bindings.forEach((pattern, roles) -> {
            if (roles.stream().anyMatch(role -> role.permissions().contains(permission))) {
                patterns.add(pattern);
            }
        });
        return patterns;
    }

    public boolean isEmpty() {
        return bindings.isEmpty();
    }

    /** conda-store's wire form: ARN to sorted role names. */
    public Map<String, List<String>> toWire() {
        Map<String, List<String>> wire = new LinkedHashMap<>();
        bindings.forEach((pattern, roles) -> wire.put(
                pattern.toString(), roles.stream().map(Role::wireName).sorted().toList()));
        return wire;
    }

    /** conda-store's {@code entity_permissions}: ARN to the sorted wire names of the permissions its roles grant. */
    public Map<String, List<String>> permissionsToWire() {
        Map<String, List<String>> wire = new LinkedHashMap<>();
        bindings.forEach((pattern, roles) -> {
            Set<String> names = new TreeSet<>();
            roles.forEach(role -> role.permissions().forEach(p -> names.add(p.wireName())));
            wire.put(pattern.toString(), List.copyOf(names));
        });
        return wire;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoleBindings other && bindings.equals(other.bindings);
    }

    @Override
    public int hashCode() {
        return bindings.hashCode();
    }

    @Override
    public String toString() {
        return toWire().toString();
    }
}
