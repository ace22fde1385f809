package io.terrarium.interfaces.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.terrarium.application.security.Caller;
import io.terrarium.application.security.RoleBindings;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * conda-store's session tokens: JWTs signed with HS256 that carry the entity ({@code sub}, {@code
 * primary_namespace}, {@code role_bindings}, {@code exp}); issues them and verifies them back into a caller.
 *
 * <p>Two claims are Terrarium's own: {@code src} says who vouched for the entity ({@link #SOURCE_USER}: a built-in
 * user, whose removal ends its sessions; {@link #SOURCE_OIDC}; {@link #SOURCE_TOKEN}: made through the token route),
 * and {@code anonymous: true} marks a token an anonymous caller made, which stays anonymous (conda-store would
 * make it authenticated, and so admin of the default namespace).
 */
public final class SessionTokens {

    public static final String SOURCE_USER = "user";
    public static final String SOURCE_OIDC = "oidc";
    public static final String SOURCE_TOKEN = "token";

    static final String PRIMARY_NAMESPACE = "primary_namespace";
    static final String ROLE_BINDINGS = "role_bindings";
    static final String SOURCE = "src";
    static final String ANONYMOUS = "anonymous";
    static final String FLOW = "flow";

    /** A verified token: the caller it names and who vouched for it ({@code null} for conda-store's tokens). */
    public record Verified(Caller caller, String source) {}

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    public SessionTokens(byte[] key, Clock clock) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable session secret: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /**
     * @param caller its expiration must be set: every session token expires
     */
    public String issue(Caller caller, String source) {
        if (caller.expiration() == null) {
            throw new IllegalArgumentException("a session token needs an expiration");
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim(PRIMARY_NAMESPACE, caller.primaryNamespace())
                .claim(ROLE_BINDINGS, caller.tokenBindings().toWire())
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(caller.expiration()));
        if (caller.authenticated()) {
            claims.subject(caller.name());
        } else {
            claims.claim(ANONYMOUS, true);
        }
        if (source != null) {
            claims.claim(SOURCE, source);
        }
        return sign(claims.build());
    }

    /** @return the token's caller, or empty when the token is malformed, not ours, of another algorithm or expired */
    public Optional<Verified> verify(String token) {
        try {
            Optional<JWTClaimsSet> signed = unexpiredClaims(token);
            if (signed.isEmpty() || signed.get().getClaim(FLOW) != null) {
                return Optional.empty();
            }
            JWTClaimsSet claims = signed.get();
            Date exp = claims.getExpirationTime();
            String primary = claims.getStringClaim(PRIMARY_NAMESPACE);
            if (primary == null || primary.isBlank()) {
                return Optional.empty();
            }
            RoleBindings bindings = bindings(claims.getJSONObjectClaim(ROLE_BINDINGS));
            Instant expiration = exp.toInstant();
            boolean anonymous = Boolean.TRUE.equals(claims.getBooleanClaim(ANONYMOUS));
            String name = claims.getSubject() != null ? claims.getSubject() : primary;
            Caller caller = anonymous
                    ? new Caller(false, null, primary, bindings, expiration)
                    : new Caller(true, name, primary, bindings, expiration);
            return Optional.of(new Verified(caller, claims.getStringClaim(SOURCE)));
        } catch (ParseException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /**
     * Signs short-lived claims of a sign-in in progress (the OpenID Connect state); such a JWT carries
     * {@code flow} and is never taken for a session token.
     */
    public String signFlow(Map<String, String> values, Instant exp) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim(FLOW, true)
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(exp));
        values.forEach(claims::claim);
        return sign(claims.build());
    }

    /** @return the claims {@link #signFlow} signed, or empty when forged, expired or not a flow */
    public Optional<JWTClaimsSet> verifyFlow(String token) {
        try {
            return unexpiredClaims(token).filter(claims -> isFlow(claims));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isFlow(JWTClaimsSet claims) {
        try {
            return Boolean.TRUE.equals(claims.getBooleanClaim(FLOW));
        } catch (ParseException e) {
            return false;
        }
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** @return the claims of a token this server signed (HS256 only) that has not expired */
    private Optional<JWTClaimsSet> unexpiredClaims(String token) throws ParseException {
        SignedJWT jwt = SignedJWT.parse(token);
        try {
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
        } catch (JOSEException e) {
            return Optional.empty();
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        Date exp = claims.getExpirationTime();
        return exp != null && exp.toInstant().isAfter(clock.instant()) ? Optional.of(claims) : Optional.empty();
    }

    /** Reads conda-store's {@code role_bindings} from JSON; {@code null} means none. */
    static RoleBindings bindings(Map<String, Object> wire) {
        if (wire == null) {
            return RoleBindings.NONE;
        }
        Map<String, List<String>> roles = new LinkedHashMap<>();
        wire.forEach((arn, value) -> {
            if (!(value instanceof Collection<?> list)) {
                throw new IllegalArgumentException("the roles of " + arn + " are not a list");
            }
            List<String> names = new ArrayList<>();
            list.forEach(role -> names.add(String.valueOf(role)));
            roles.put(arn, names);
        });
        return RoleBindings.parse(roles);
    }
}
