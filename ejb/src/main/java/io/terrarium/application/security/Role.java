package io.terrarium.application.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** conda-store's three roles and the permissions each grants; {@code editor} is the old name of developer. */
public enum Role {
    VIEWER(EnumSet.of(Permission.ENVIRONMENT_READ, Permission.NAMESPACE_READ, Permission.NAMESPACE_ROLE_MAPPING_READ)),
    DEVELOPER(EnumSet.of(
            Permission.ENVIRONMENT_READ,
            Permission.NAMESPACE_READ,
            Permission.NAMESPACE_ROLE_MAPPING_READ,
            Permission.BUILD_CANCEL,
            Permission.ENVIRONMENT_CREATE,
            Permission.ENVIRONMENT_UPDATE,
            Permission.ENVIRONMENT_SOLVE,
            Permission.SETTING_READ)),
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Collections.unmodifiableSet(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** The name conda-store writes: {@code viewer}, {@code developer} or {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the allowed roles when {@code name} is none of them
     */
    public static Role parse(String name) {
        if (name != null) {
            switch (name) {
                case "viewer":
                    return VIEWER;
                case "developer":
                case "editor":
                    return DEVELOPER;
                case "admin":
                    return ADMIN;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("invalid role '" + name + "': allowed roles are viewer, developer, admin");
    }
}
