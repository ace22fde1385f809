package io.terrarium.interfaces.auth;

import jakarta.security.enterprise.CallerPrincipal;

/** The principal of a built-in user who gave the right password, carrying the stored user. */
public class UserPrincipal extends CallerPrincipal {

    private final transient UserStore.User user;

    public UserPrincipal(UserStore.User user) {
        super(user.name());
        this.user = user;
    }

    public UserStore.User user() {
        return user;
    }
}
