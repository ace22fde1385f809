package io.terrarium.application.security;

/**
 * conda-store's 17 permissions, with their exact wire names (note {@code environment:create} has one colon).
 */
public enum Permission {
    ENVIRONMENT_CREATE("environment:create"),
    ENVIRONMENT_READ("environment::read"),
    ENVIRONMENT_UPDATE("environment::update"),
    ENVIRONMENT_DELETE("environment::delete"),
    ENVIRONMENT_SOLVE("environment::solve"),
    BUILD_CANCEL("build::cancel"),
    BUILD_DELETE("build::delete"),
    NAMESPACE_CREATE("namespace::create"),
    NAMESPACE_READ("namespace::read"),
    NAMESPACE_UPDATE("namespace::update"),
    NAMESPACE_DELETE("namespace::delete"),
    NAMESPACE_ROLE_MAPPING_CREATE("namespace-role-mapping::create"),
    NAMESPACE_ROLE_MAPPING_READ("namespace-role-mapping::read"),
    NAMESPACE_ROLE_MAPPING_UPDATE("namespace-role-mapping::update"),
    NAMESPACE_ROLE_MAPPING_DELETE("namespace-role-mapping::delete"),
    SETTING_READ("setting::read"),
    SETTING_UPDATE("setting::update");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
