package io.terrarium.interfaces.auth;

import io.terrarium.application.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Authenticates every request from the token it presents (conda-store's order, see {@link Credentials}) through
 * the identity stores. A token that does not verify leaves the request anonymous: the API never answers 401, it
 * answers 403 where the anonymous caller lacks a permission.
 *
 * <p>The container calls this before the CDI request scope of the request is certain to be active, so the caller
 * travels in a request attribute; {@link CallerFilter} puts it into {@code CurrentCaller}.
 */
@ApplicationScoped
public class TerrariumAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The request attribute holding the request's {@link Caller} when its token verified. */
    public static final String CALLER = "io.terrarium.auth.caller";
    /** Set on every request this mechanism saw, authenticated or not. */
    public static final String SEEN = "io.terrarium.auth.seen";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    TokenAuthenticator tokens;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        request.setAttribute(SEEN, Boolean.TRUE);
        Optional<String> token = Credentials.token(request);
        if (token.isEmpty()) {
            return context.doNothing();
        }
        CredentialValidationResult result = identityStores.validate(new TokenCredential(token.get()));
        if (result.getStatus() == CredentialValidationResult.Status.VALID
                && result.getCallerPrincipal() instanceof CallerPrincipalOfToken principal) {
            request.setAttribute(CALLER, principal.caller());
            return context.notifyContainerAboutLogin(result);
        }
        // a token an anonymous caller made narrows the anonymous bindings; it authenticates nobody
        tokens.authenticate(token.get())
                .filter(caller -> !caller.authenticated())
                .ifPresent(caller -> request.setAttribute(CALLER, caller));
        return context.doNothing();
    }
}
