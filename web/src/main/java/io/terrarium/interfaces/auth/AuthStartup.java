package io.terrarium.interfaces.auth;

import io.terrarium.application.security.Role;
import io.terrarium.application.security.RoleBindings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.logging.Logger;

/**
 * Readies authentication when the application starts, so a bad setting stops the deployment with its reason
 * instead of failing every request: the signing secret, the predefined tokens file, and on a store without any
 * user the first administrator {@code admin}, whose random password goes to a file only the owner may read.
 */
@ApplicationScoped
public class AuthStartup {

    private static final Logger LOG = Logger.getLogger(AuthStartup.class.getName());

    /** Where the first administrator's password is written, relative to the store's auth directory. */
    public static final String INITIAL_PASSWORD_FILE = "initial-admin-password";

    public static final String INITIAL_ADMIN = "admin";

    @Inject
    AuthSettings settings;

    @Inject
    TokenAuthenticator tokens;

    @Inject
    BuiltInUsers users;

    @Inject
    OidcLogin oidc;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        settings.sessionLifetime();
        tokens.sessionTokens();
        tokens.authenticate("startup check: reads the predefined tokens file");
        createFirstAdministrator();
        if (settings.oidcEnabled()) {
            oidc.oidcSettings();
            LOG.info("sign-in through OpenID Connect provider "
                    + settings.oidcIssuer().orElseThrow());
        }
    }

    private void createFirstAdministrator() {
        UserStore store = users.store();
        if (!store.users().isEmpty()) {
            return;
        }
        String password = randomPassword();
        Path file = settings.authDir().resolve(INITIAL_PASSWORD_FILE);
        UserStore.User admin = new UserStore.User(
                INITIAL_ADMIN,
                PasswordHashes.hash(password.toCharArray()),
                INITIAL_ADMIN,
                RoleBindings.of("*/*", Role.ADMIN));
        if (store.putIfEmpty(admin)) {
            try {
                PrivateFiles.replace(file, password + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the first administrator's password to " + file, e);
            }
            LOG.warning("first start of this store: created the user '" + INITIAL_ADMIN + "' (admin of every"
                    + " namespace); its password is in " + file + ". Sign in at /login/, then change it with"
                    + " ./terrarium user add " + INITIAL_ADMIN + " --role admin --store <store>");
        }
    }

    static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
