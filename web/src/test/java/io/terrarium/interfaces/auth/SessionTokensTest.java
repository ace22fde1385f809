package io.terrarium.interfaces.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.terrarium.application.security.Caller;
import io.terrarium.application.security.Role;
import io.terrarium.application.security.RoleBindings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef-session".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final SessionTokens tokens = new SessionTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Caller alice(Instant exp) {
        return new Caller(true, "alice", "team", RoleBindings.of("data/*", Role.DEVELOPER), exp);
    }

    @Test
    void aTokenVerifiesBackIntoItsCaller() {
        String token = tokens.issue(alice(NOW.plusSeconds(3600)), SessionTokens.SOURCE_USER);
        SessionTokens.Verified v = tokens.verify(token).orElseThrow();
        assertEquals(alice(NOW.plusSeconds(3600)), v.caller());
        assertEquals(SessionTokens.SOURCE_USER, v.source());
    }

    @Test
    void theClaimsAreConda_storesAndSubIsTheName() throws Exception {
        String token = tokens.issue(alice(NOW.plusSeconds(60)), SessionTokens.SOURCE_TOKEN);
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals("alice", claims.getSubject());
        assertEquals("team", claims.getStringClaim("primary_namespace"));
        assertEquals(Map.of("data/*", List.of("developer")), claims.getJSONObjectClaim("role_bindings"));
        assertEquals(NOW.plusSeconds(60), claims.getExpirationTime().toInstant());
        assertEquals(JWSAlgorithm.HS256, SignedJWT.parse(token).getHeader().getAlgorithm());
    }

    @Test
    void expiredForgedAndMalformedTokensDoNotVerify() throws Exception {
        String token = tokens.issue(alice(NOW.plusSeconds(60)), null);
        SessionTokens later = new SessionTokens(KEY, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        assertTrue(later.verify(token).isEmpty(), "expired at exp");

        SessionTokens otherKey = new SessionTokens(
                "another-key-another-key-another-key!!".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        assertTrue(otherKey.verify(token).isEmpty(), "signed with another key");

        String[] parts = token.split("\\.");
        String widened = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"sub\":\"alice\",\"primary_namespace\":\"team\",\"role_bindings\":"
                                + "{\"*/*\":[\"admin\"]},\"exp\":"
                                + NOW.plusSeconds(60).getEpochSecond() + "}")
                        .getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.verify(parts[0] + "." + widened + "." + parts[2]).isEmpty(), "payload changed");

        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertTrue(tokens.verify(new PlainJWT(claims).serialize()).isEmpty(), "alg none");
        assertTrue(tokens.verify("not a token").isEmpty());
        assertTrue(tokens.verify("").isEmpty());
    }

    @Test
    void aTokenWithoutExpirationOrWithBadBindingsIsRefused() throws Exception {
        SignedJWT noExp = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("alice")
                        .claim("primary_namespace", "alice")
                        .build());
        noExp.sign(new MACSigner(KEY));
        assertTrue(tokens.verify(noExp.serialize()).isEmpty());

        SignedJWT badRole = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("alice")
                        .claim("primary_namespace", "alice")
                        .claim("role_bindings", Map.of("*/*", List.of("root")))
                        .expirationTime(Date.from(NOW.plusSeconds(60)))
                        .build());
        badRole.sign(new MACSigner(KEY));
        assertTrue(tokens.verify(badRole.serialize()).isEmpty());
    }

    @Test
    void aTokenMadeAnonymouslyStaysAnonymous() {
        Caller anonymous = new Caller(
                false, null, "default", RoleBindings.of("default/*", Role.VIEWER), NOW.plus(Duration.ofDays(1)));
        Caller back = tokens.verify(tokens.issue(anonymous, SessionTokens.SOURCE_TOKEN))
                .orElseThrow()
                .caller();
        assertFalse(back.authenticated());
        assertEquals(RoleBindings.of("default/*", Role.VIEWER), back.tokenBindings());
    }

    @Test
    void aSignInFlowIsNeverASession() {
        String flow = tokens.signFlow(Map.of("state", "s", "primary_namespace", "x"), NOW.plusSeconds(60));
        assertTrue(tokens.verify(flow).isEmpty());
        assertEquals("s", tokens.verifyFlow(flow).orElseThrow().getClaim("state"));
        String session = tokens.issue(alice(NOW.plusSeconds(60)), null);
        assertTrue(tokens.verifyFlow(session).isEmpty());
    }
}
