package io.terrarium.conda.pip.index;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.json.JsonFormatException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a PEP 691 JSON project page ({@code application/vnd.pypi.simple.v1+json}) into {@link DistributionFile}s. */
final class SimpleJsonPage {
    static final String CONTENT_TYPE = "application/vnd.pypi.simple.v1+json";

    private SimpleJsonPage() {}

    static List<DistributionFile> parse(byte[] body, URI pageUrl) {
        Map<String, Object> page;
        try {
            page = Json.parseObject(new String(body, StandardCharsets.UTF_8));
        } catch (JsonFormatException | ClassCastException e) {
            throw new IndexException(
                    "malformed PEP 691 page " + Redaction.redact(pageUrl.toString()) + ": " + e.getMessage());
        }
        Object meta = page.get("meta");
        if (meta instanceof Map<?, ?> m && m.get("api-version") instanceof String v && !v.startsWith("1.")) {
            throw new IndexException(
                    "unsupported simple API version " + v + " at " + Redaction.redact(pageUrl.toString()));
        }
        List<DistributionFile> files = new ArrayList<>();
        if (!(page.get("files") instanceof List<?> list)) {
            throw new IndexException("PEP 691 page " + Redaction.redact(pageUrl.toString()) + " has no files list");
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> f)
                    || !(f.get("filename") instanceof String name)
                    || !(f.get("url") instanceof String url)) {
                continue;
            }
            String sha = f.get("hashes") instanceof Map<?, ?> h && h.get("sha256") instanceof String s ? s : null;
            String rp = f.get("requires-python") instanceof String r && !r.isBlank() ? r : null;
            Object md = f.containsKey("core-metadata") ? f.get("core-metadata") : f.get("dist-info-metadata");
            boolean hasMd = md instanceof Map<?, ?> || Boolean.TRUE.equals(md);
            String mdSha = md instanceof Map<?, ?> mh && mh.get("sha256") instanceof String s ? s : null;
            Object y = f.get("yanked");
            String yanked = y instanceof String reason ? reason : Boolean.TRUE.equals(y) ? "" : null;
            String abs = pageUrl.resolve(url).toString();
            int hash = abs.indexOf('#');
            files.add(new DistributionFile(
                    name, hash >= 0 ? abs.substring(0, hash) : abs, sha, rp, hasMd, mdSha, yanked));
        }
        return files;
    }
}
