package io.terrarium.conda.pip.index;

import io.terrarium.conda.pip.requirement.PackageName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a project's files from every configured index (the index URL, then each extra index URL), asking for
 * PEP 691 JSON and falling back to PEP 503 HTML by the Content-Type that comes back, and merges them as pip does
 * (a file name seen on an earlier index wins).
 */
public final class SimpleIndexClient {
    static final String ACCEPT =
            SimpleJsonPage.CONTENT_TYPE + ", application/vnd.pypi.simple.v1+html;q=0.2, " + "text/html;q=0.01";

    private final HttpSource http;

    public SimpleIndexClient(HttpSource http) {
        this.http = http;
    }

    public HttpSource http() {
        return http;
    }

    /** The project's files on all indexes; an index that does not know the project (404) contributes none. */
    public ProjectPage project(PackageName name) {
        List<DistributionFile> files = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        IndexException firstError = null;
        int answered = 0;
        for (String index : http.config().allIndexUrls()) {
            String url = (index.endsWith("/") ? index : index + "/") + name.normalized() + "/";
            List<DistributionFile> page;
            try {
                page = page(url);
                answered++;
            } catch (IndexException e) {
                if (e.status() == 404) {
                    answered++;
                    continue;
                }
                if (firstError == null) {
                    firstError = e;
                }
                continue;
            }
            for (DistributionFile f : page) {
                if (seen.add(f.filename())) {
                    files.add(f);
                }
            }
        }
        if (answered == 0 && firstError != null) {
            throw firstError;
        }
        return new ProjectPage(name.normalized(), files);
    }

    /** One project page, parsed by its Content-Type. */
    public List<DistributionFile> page(String url) {
        HttpSource.Body body = http.getCached(url, ACCEPT);
        if (body.contentType().equals(SimpleJsonPage.CONTENT_TYPE)) {
            return SimpleJsonPage.parse(body.body(), body.url());
        }
        return SimpleHtmlPage.parse(body.body(), body.url());
    }

    /** The PEP 658 core metadata of a file, checked against the hash the index gives for it. */
    public byte[] metadata(DistributionFile file) {
        HttpSource.Body body = http.getCached(file.metadataUrl(), "*/*");
        if (file.metadataSha256() != null) {
            String actual = io.terrarium.conda.pkg.Sha256.of(body.body());
            if (!actual.equalsIgnoreCase(file.metadataSha256())) {
                throw new IndexException("hash mismatch for " + Redaction.redact(file.metadataUrl())
                        + ": expected sha256 " + file.metadataSha256() + ", got " + actual);
            }
        }
        return body.body();
    }
}
