package io.terrarium.conda.repodata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UrlCredentialsTest {

    @Test
    void passwordsAndTokensAreMaskedWhereverTheUrlAppears() {
        assertEquals(
                "fetching https://alice:****@repo.example/conda/noarch/repodata.json failed",
                UrlCredentials.redact("fetching https://alice:s3cret@repo.example/conda/noarch/repodata.json failed"));
        assertEquals(
                "channels: [https://conda.anaconda.org/t/<TOKEN>/private]",
                UrlCredentials.redact("channels: [https://conda.anaconda.org/t/ab-12_cd/private]"));
        assertEquals("https://****@host/c", UrlCredentials.redact("https://tokenonly@host/c"));
        assertEquals("\"https://h/t/<TOKEN>\"", UrlCredentials.redact("\"https://h/t/xyz\""));
        assertEquals("mail me at a@b.org", UrlCredentials.redact("mail me at a@b.org"));
        String once = UrlCredentials.redact("https://u:p@h/t/tok/c");
        assertEquals("https://u:****@h/t/<TOKEN>/c", once);
        assertEquals(once, UrlCredentials.redact(once), "redacting twice changes nothing");
    }

    @Test
    void stripRemovesCredentialsForComparison() {
        assertEquals("https://repo.example/conda", UrlCredentials.strip("https://alice:s3cret@repo.example/conda"));
        assertEquals(
                "https://conda.anaconda.org/private/noarch/x.conda",
                UrlCredentials.strip("https://conda.anaconda.org/t/ab-12/private/noarch/x.conda"));
        assertEquals("file:///srv/channels/demo", UrlCredentials.strip("file:///srv/channels/demo"));
    }
}
