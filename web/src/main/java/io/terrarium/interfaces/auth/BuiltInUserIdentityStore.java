package io.terrarium.interfaces.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** The Jakarta Security identity store of the built-in users: validates a user name and password at login. */
@ApplicationScoped
public class BuiltInUserIdentityStore implements IdentityStore {

    @Inject
    BuiltInUsers users;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return users.verify(credential.getCaller(), credential.getPassword().getValue())
                .map(u -> new CredentialValidationResult(new UserPrincipal(u), Set.of()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.VALIDATE);
    }
}
