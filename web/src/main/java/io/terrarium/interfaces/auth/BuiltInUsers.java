package io.terrarium.interfaces.auth;

import io.terrarium.infrastructure.config.TerrariumConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Optional;

/**
 * The server's view of the store's built-in users ({@link UserStore}); passwords are verified with Jakarta
 * Security's standard {@link Pbkdf2PasswordHash}, which reads the format {@code terrarium user} writes.
 */
@ApplicationScoped
public class BuiltInUsers {

    @Inject
    TerrariumConfig config;

    @Inject
    Instance<Pbkdf2PasswordHash> standardHash;

    private volatile UserStore store;

    public UserStore store() {
        UserStore s = store;
        if (s == null) {
            s = UserStore.of(config.storeDir());
            store = s;
        }
        return s;
    }

    public boolean exists(String name) {
        return name != null && store().find(name).isPresent();
    }

    /** @return the user when the password is its own; empty for an unknown user or a wrong password */
    public Optional<UserStore.User> verify(String name, char[] password) {
        Optional<UserStore.User> user = name == null ? Optional.empty() : store().find(name);
        // an unknown user costs a hash too, so the time taken does not tell which user names exist
        String hash = user.map(UserStore.User::passwordHash).orElse(UNKNOWN_USER_HASH);
        boolean ok = standardHash.isResolvable()
                ? standardHash.get().verify(password, hash)
                : PasswordHashes.verify(password, hash);
        return ok ? user : Optional.empty();
    }

    private static final String UNKNOWN_USER_HASH = PasswordHashes.hash("no such user".toCharArray());
}
