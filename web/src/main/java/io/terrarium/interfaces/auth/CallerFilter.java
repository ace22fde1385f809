package io.terrarium.interfaces.auth;

import io.terrarium.application.security.Caller;
import io.terrarium.application.security.CurrentCaller;
import io.terrarium.application.settings.SettingsService;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Sets the caller of every API request into {@link CurrentCaller}: the one the authentication mechanism found,
 * else the anonymous caller (whose primary namespace is the default namespace).
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class CallerFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(CallerFilter.class.getName());

    private static volatile boolean warned;

    @Inject
    CurrentCaller current;

    @Inject
    TokenAuthenticator tokens;

    @Inject
    SettingsService settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        current.set(callerOf(request));
        chain.doFilter(request, response);
    }

    private Caller callerOf(HttpServletRequest request) {
        Object found = request.getAttribute(TerrariumAuthenticationMechanism.CALLER);
        if (found == null && request.getAttribute(TerrariumAuthenticationMechanism.SEEN) == null) {
            // the container did not run the mechanism on this request: authenticate here, the same way
            if (!warned) {
                warned = true;
                LOG.warning("the authentication mechanism did not run on " + request.getRequestURI()
                        + "; the caller filter authenticates such requests itself");
            }
            found = Credentials.token(request).flatMap(tokens::authenticate).orElse(null);
        }
        if (found instanceof Caller caller) {
            return caller;
        }
        return Caller.anonymous(settings.effective(null, null).defaultNamespace());
    }
}
