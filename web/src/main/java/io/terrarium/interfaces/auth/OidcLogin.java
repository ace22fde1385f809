package io.terrarium.interfaces.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.terrarium.application.security.Caller;
import io.terrarium.application.security.RoleBindings;
import io.terrarium.conda.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sign-in through an OpenID Connect provider (company SSO, Keycloak, JupyterHub/Nebari-style OAuth): the
 * authorization code flow with state, nonce and PKCE (S256), the ID token verified against the provider's JWKS,
 * then Terrarium's own session cookie as for built-in users. The flow's secrets travel in a signed, short-lived
 * cookie, so any worker of the store can take the callback.
 */
@ApplicationScoped
public class OidcLogin {

    private static final Logger LOG = Logger.getLogger(OidcLogin.class.getName());

    static final String FLOW_COOKIE = "terrarium-oidc";
    static final String CALLBACK_PATH = "/oauth_callback/";
    private static final Duration FLOW_LIFETIME = Duration.ofMinutes(10);

    /** The provider's endpoints from its discovery document. */
    record Provider(
            String issuer,
            String authorizationEndpoint,
            String tokenEndpoint,
            DefaultJWTProcessor<SecurityContext> idTokens) {}

    @Inject
    AuthSettings settings;

    @Inject
    TokenAuthenticator tokens;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final SecureRandom random = new SecureRandom();
    private volatile OidcSettings oidcSettings;
    private volatile Provider provider;

    OidcSettings oidcSettings() {
        OidcSettings s = oidcSettings;
        if (s == null) {
            s = OidcSettings.read(settings.oidcIssuer().orElseThrow());
            oidcSettings = s;
        }
        return s;
    }

    void redirectToProvider(HttpServletRequest request, HttpServletResponse response, String next) throws IOException {
        Provider p;
        try {
            p = provider();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "OpenID Connect discovery failed", e);
            AuthPages.html(
                    response,
                    502,
                    "Sign-in unavailable",
                    "<h1>Sign-in unavailable</h1><p>The identity provider "
                            + AuthPages.escape(oidcSettings().issuer()) + " cannot be reached: "
                            + AuthPages.escape(String.valueOf(e.getMessage())) + "</p>");
            return;
        }
        OidcSettings s = oidcSettings();
        String state = randomToken();
        String nonce = randomToken();
        String verifier = randomToken() + randomToken();
        String redirectUri = redirectUri(request);
        Map<String, String> flow = new LinkedHashMap<>();
        flow.put("state", state);
        flow.put("nonce", nonce);
        flow.put("verifier", verifier);
        flow.put("next", next);
        flow.put("redirect_uri", redirectUri);
        String cookie = tokens.sessionTokens().signFlow(flow, Instant.now().plus(FLOW_LIFETIME));
        // Lax: the provider's redirect back is a cross-site top-level GET, which a Strict cookie would miss
        response.addHeader(
                "Set-Cookie",
                SessionCookie.header(
                        FLOW_COOKIE,
                        cookie,
                        FLOW_LIFETIME.getSeconds(),
                        "Lax",
                        request.getContextPath() + CALLBACK_PATH,
                        request));
        StringJoiner query = new StringJoiner("&");
        query.add("response_type=code");
        query.add("client_id=" + encode(s.clientId()));
        query.add("redirect_uri=" + encode(redirectUri));
        query.add("scope=" + encode(String.join(" ", s.scopes())));
        query.add("state=" + encode(state));
        query.add("nonce=" + encode(nonce));
        query.add("code_challenge=" + encode(challenge(verifier)));
        query.add("code_challenge_method=S256");
        String endpoint = p.authorizationEndpoint();
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Location", endpoint + (endpoint.contains("?") ? "&" : "?") + query);
    }

    void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JWTClaimsSet flow = flowCookie(request);
        response.addHeader(
                "Set-Cookie",
                SessionCookie.header(FLOW_COOKIE, "", 0, "Lax", request.getContextPath() + CALLBACK_PATH, request));
        String state = request.getParameter("state");
        if (flow == null || state == null || !constantTimeEquals(state, (String) flow.getClaim("state"))) {
            failed(request, response, 401, "The sign-in expired or did not start here. Please sign in again.");
            return;
        }
        if (request.getParameter("error") != null) {
            String description = request.getParameter("error_description");
            failed(
                    request,
                    response,
                    403,
                    "The identity provider refused the sign-in: " + request.getParameter("error")
                            + (description != null ? " (" + description + ")" : ""));
            return;
        }
        String code = request.getParameter("code");
        if (code == null || code.isEmpty()) {
            failed(request, response, 400, "The identity provider sent no authorization code.");
            return;
        }
        Caller caller;
        try {
            JWTClaimsSet id =
                    exchange(code, (String) flow.getClaim("verifier"), (String) flow.getClaim("redirect_uri"));
            if (!constantTimeEquals(
                    (String) flow.getClaim("nonce"), id.getClaim("nonce") instanceof String n ? n : null)) {
                failed(request, response, 401, "The ID token does not belong to this sign-in (nonce mismatch).");
                return;
            }
            caller = callerOf(id);
        } catch (SignInException e) {
            failed(request, response, e.status, e.getMessage());
            return;
        }
        String token = tokens.sessionTokens().issue(caller, SessionTokens.SOURCE_OIDC);
        SessionCookie.set(request, response, token, caller.expiration());
        String next = RedirectTargets.safe((String) flow.getClaim("next"), AuthPages.home(request));
        // an HTML page that moves on, as conda-store does: a SameSite=Strict cookie set while answering the
        // provider's cross-site redirect is only sent on a navigation that starts here
        AuthPages.html(
                response,
                HttpServletResponse.SC_OK,
                "Signed in - Terrarium",
                "<meta http-equiv=\"refresh\" content=\"0;url=" + AuthPages.escape(next) + "\">"
                        + "<p>Signed in as " + AuthPages.escape(caller.name()) + ". <a href=\""
                        + AuthPages.escape(next) + "\">Continue</a></p>");
    }

    private Caller callerOf(JWTClaimsSet id) throws SignInException {
        OidcSettings s = oidcSettings();
        Object name = id.getClaim(s.usernameClaim());
        if (!(name instanceof String username) || username.isBlank()) {
            throw new SignInException(
                    403,
                    "The ID token has no '" + s.usernameClaim() + "' claim to name the user" + " (set "
                            + AuthSettings.OIDC_USERNAME_CLAIM + ").");
        }
        try {
            UserStore.checkName(username);
        } catch (IllegalArgumentException e) {
            throw new SignInException(403, e.getMessage());
        }
        List<String> groups = List.of();
        if (s.groupsClaim().isPresent() && id.getClaim(s.groupsClaim().get()) instanceof Collection<?> list) {
            groups = list.stream().map(String::valueOf).toList();
        }
        RoleBindings bindings = s.bindingsFor(groups);
        return new Caller(true, username, username, bindings, Instant.now().plus(settings.sessionLifetime()));
    }

    private JWTClaimsSet exchange(String code, String verifier, String redirectUri) throws SignInException {
        OidcSettings s = oidcSettings();
        Provider p;
        try {
            p = provider();
        } catch (IOException | RuntimeException e) {
            throw new SignInException(502, "The identity provider cannot be reached: " + e.getMessage());
        }
        StringJoiner form = new StringJoiner("&");
        form.add("grant_type=authorization_code");
        form.add("code=" + encode(code));
        form.add("redirect_uri=" + encode(redirectUri));
        form.add("client_id=" + encode(s.clientId()));
        form.add("code_verifier=" + encode(verifier));
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(p.tokenEndpoint()))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (s.clientSecret().isPresent()) {
            String basic = encode(s.clientId()) + ":" + encode(s.clientSecret().get());
            post.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> r;
        try {
            r = http.send(
                    post.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SignInException(
                    502, "The identity provider's token endpoint cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException(503, "interrupted");
        }
        if (r.statusCode() != 200) {
            LOG.warning("OpenID Connect token endpoint answered " + r.statusCode() + ": " + r.body());
            throw new SignInException(
                    403, "The identity provider refused the authorization code (HTTP " + r.statusCode() + ").");
        }
        Object idToken;
        try {
            idToken = Json.parseObject(r.body()).get("id_token");
        } catch (RuntimeException e) {
            throw new SignInException(502, "The identity provider's token response is not JSON.");
        }
        if (!(idToken instanceof String jwt)) {
            throw new SignInException(502, "The identity provider sent no ID token (is 'openid' among the scopes?).");
        }
        try {
            return p.idTokens().process(jwt, null);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "OpenID Connect ID token rejected", e);
            throw new SignInException(401, "The ID token did not verify: " + e.getMessage());
        }
    }

    Provider provider() throws IOException {
        Provider p = provider;
        if (p != null) {
            return p;
        }
        OidcSettings s = oidcSettings();
        HttpResponse<String> r;
        try {
            r = http.send(
                    HttpRequest.newBuilder(URI.create(s.issuer() + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(20))
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (r.statusCode() != 200) {
            throw new IOException(
                    "discovery at " + s.issuer() + "/.well-known/openid-configuration answered HTTP " + r.statusCode());
        }
        Map<String, Object> doc = Json.parseObject(r.body());
        String issuer = Json.string(doc, "issuer");
        if (issuer == null || !(issuer.equals(s.issuer()) || issuer.equals(s.issuer() + "/"))) {
            throw new IOException("the discovery document names issuer '" + issuer + "', not " + s.issuer());
        }
        JWKSource<SecurityContext> keys =
                JWKSourceBuilder.create(new URL(Json.string(doc, "jwks_uri"))).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(
                        JWSAlgorithm.RS256,
                        JWSAlgorithm.RS384,
                        JWSAlgorithm.RS512,
                        JWSAlgorithm.PS256,
                        JWSAlgorithm.ES256,
                        JWSAlgorithm.ES384),
                keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                s.clientId(), new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "iat", "exp")));
        p = new Provider(
                issuer, Json.string(doc, "authorization_endpoint"), Json.string(doc, "token_endpoint"), processor);
        provider = p;
        return p;
    }

    private JWTClaimsSet flowCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (FLOW_COOKIE.equals(c.getName())) {
                return tokens.sessionTokens().verifyFlow(c.getValue()).orElse(null);
            }
        }
        return null;
    }

    private String redirectUri(HttpServletRequest request) {
        return oidcSettings().redirectUri().orElseGet(() -> {
            String scheme = SessionCookie.secure(request) ? "https" : request.getScheme();
            String host = request.getHeader("Host");
            if (host == null) {
                host = request.getServerName() + ":" + request.getServerPort();
            }
            return scheme + "://" + host + request.getContextPath() + CALLBACK_PATH;
        });
    }

    private static void failed(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        AuthPages.html(
                response,
                status,
                "Sign-in failed - Terrarium",
                "<h1>Sign-in failed</h1><p>" + AuthPages.escape(message)
                        + "</p><p><a href=\"" + AuthPages.escape(request.getContextPath())
                        + "/login/\">Sign in again</a></p>");
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A sign-in that cannot go on, with the status and the message the browser shows. */
    static final class SignInException extends Exception {
        final int status;

        SignInException(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
