package io.terrarium.interfaces.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void conda_storesOrderCookieThenBearerThenBasicThenQuery() {
        assertEquals(Optional.of("c"), Credentials.token("c", "Bearer b", "q"));
        assertEquals(Optional.of("b"), Credentials.token(null, "Bearer b", "q"));
        assertEquals(Optional.of("t"), Credentials.token(null, basic("user:t"), "q"));
        assertEquals(Optional.of("q"), Credentials.token(null, null, "q"));
        assertEquals(Optional.empty(), Credentials.token(null, null, null));
    }

    @Test
    void theFirstCredentialPresentDecidesEvenWhenItIsUseless() {
        // as in conda-store: a present Authorization header is not skipped for the query token
        assertEquals(Optional.empty(), Credentials.token(null, "Digest abc", "q"));
        assertEquals(Optional.empty(), Credentials.token(null, basic("user-only"), "q"));
        assertEquals(Optional.empty(), Credentials.token(null, "Basic %%%", "q"));
        assertEquals(Optional.of("q"), Credentials.token("", "  ", "q"));
    }

    @Test
    void schemesAreCaseInsensitiveAndTheBasicPasswordMayHoldColons() {
        assertEquals(Optional.of("b"), Credentials.token(null, "bearer  b ", null));
        assertEquals(Optional.of("a:b"), Credentials.token(null, basic("u:a:b"), null));
    }

    @Test
    void theQueryTokenIsReadFromTheRawQuery() {
        assertEquals("a b+c", Credentials.queryToken("x=1&token=a+b%2Bc&y=2"));
        assertEquals(null, Credentials.queryToken("tokens=1&x=token"));
        assertEquals(null, Credentials.queryToken(null));
    }
}
