package io.terrarium.interfaces.auth;

import io.terrarium.application.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a presented token into its caller: a predefined service token, else a session token this store signed
 * (for a built-in user only while the user still exists). Anything else is no caller: the request is anonymous.
 */
@ApplicationScoped
public class TokenAuthenticator {

    private static final Logger LOG = Logger.getLogger(TokenAuthenticator.class.getName());

    @Inject
    AuthSettings settings;

    @Inject
    BuiltInUsers users;

    private volatile Signers signers;
    private volatile Optional<PredefinedTokens> predefined;

    public Optional<Caller> authenticate(String token) {
        Optional<Caller> service = predefined().flatMap(p -> p.lookup(token));
        if (service.isPresent()) {
            return service;
        }
        return sessionTokens().verify(token).filter(this::stillValid).map(SessionTokens.Verified::caller);
    }

    private boolean stillValid(SessionTokens.Verified verified) {
        return !SessionTokens.SOURCE_USER.equals(verified.source())
                || users.exists(verified.caller().name());
    }

    public SessionTokens sessionTokens() {
        return signers().sessionTokens();
    }

    /** The signature of links to stored artifacts, keyed from the same store secret as session tokens. */
    public StorageLinkSignature storageLinks() {
        return signers().storageLinks();
    }

    /** Both signers of the store's secret, made together on first use: the secret is resolved (and read) once. */
    private record Signers(SessionTokens sessionTokens, StorageLinkSignature storageLinks) {}

    private Signers signers() {
        Signers s = signers;
        if (s == null) {
            synchronized (this) {
                s = signers;
                if (s == null) {
                    byte[] secret = secret();
                    s = new Signers(
                            new SessionTokens(secret, Clock.systemUTC()),
                            new StorageLinkSignature(secret, Clock.systemUTC()));
                    signers = s;
                }
            }
        }
        return s;
    }

    private byte[] secret() {
        return SigningSecret.resolve(settings.secret(), settings.authDir().resolve("session-secret"));
    }

    private Optional<PredefinedTokens> predefined() {
        Optional<PredefinedTokens> p = predefined;
        if (p == null) {
            synchronized (this) {
                p = predefined;
                if (p == null) {
                    p = settings.predefinedTokensFile().map(file -> {
                        PredefinedTokens tokens = new PredefinedTokens(file, Clock.systemUTC());
                        LOG.log(Level.INFO, "predefined service tokens read from {0}", file);
                        return tokens;
                    });
                    predefined = p;
                }
            }
        }
        return p;
    }
}
