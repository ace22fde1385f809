package io.terrarium.interfaces.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * The Jakarta Security identity store of tokens: a predefined service token or a session token of this store
 * validates to its caller; an anonymous token (one an anonymous caller made) does not authenticate anybody.
 */
@ApplicationScoped
public class TokenIdentityStore implements IdentityStore {

    @Inject
    TokenAuthenticator tokens;

    public CredentialValidationResult validate(TokenCredential credential) {
        return tokens.authenticate(credential.token())
                .filter(caller -> caller.authenticated())
                .map(caller -> new CredentialValidationResult(new CallerPrincipalOfToken(caller), Set.of()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.VALIDATE);
    }
}
