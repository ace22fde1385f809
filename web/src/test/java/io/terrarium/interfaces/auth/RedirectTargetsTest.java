package io.terrarium.interfaces.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedirectTargetsTest {

    @Test
    void onlyPathsOnThisServerAreFollowed() {
        assertEquals("/ui/envs?x=1", RedirectTargets.safe("/ui/envs?x=1", "/"));
        for (String evil : new String[] {
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "javascript:alert(1)",
            "ui/relative",
            "/ok\r\nSet-Cookie: x=y",
            "/a\\b",
            ""
        }) {
            assertEquals("/", RedirectTargets.safe(evil, "/"), evil);
        }
        assertEquals("/", RedirectTargets.safe(null, "/"));
    }
}
