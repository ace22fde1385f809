package io.terrarium.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    @Test
    void nothingConfiguredAllowsNoOrigin() {
        CorsPolicy none = new CorsPolicy(Optional.empty(), Optional.empty());
        assertFalse(none.enabled());
        assertFalse(none.allows("http://localhost:8888"));
        assertFalse(none.allows("https://evil.example"));
    }

    @Test
    void exactOriginsOnly() {
        CorsPolicy listed =
                new CorsPolicy(Optional.of("https://hub.example.org, http://localhost:8888/"), Optional.empty());
        assertTrue(listed.enabled());
        assertTrue(listed.allows("https://hub.example.org"));
        assertTrue(listed.allows("http://localhost:8888"));
        assertFalse(listed.allows("https://hub.example.org.evil.example"));
        assertFalse(listed.allows("http://hub.example.org"));
        assertFalse(listed.allows("null"));
        assertFalse(listed.allows(null));
    }

    @Test
    void aRegexCountsOnlyWhenConfiguredAndMustMatchWholly() {
        CorsPolicy regex = new CorsPolicy(Optional.empty(), Optional.of("https://[a-z]+\\.example\\.org"));
        assertTrue(regex.allows("https://hub.example.org"));
        assertFalse(regex.allows("https://hub.example.org.evil.example"));
        assertFalse(new CorsPolicy(Optional.of(" "), Optional.of("")).enabled());
    }
}
