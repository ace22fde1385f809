package io.terrarium.conda.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import io.terrarium.conda.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Writes the other forms of a subdir's {@code repodata.json} next to it, as a channel server offers them:
 * {@code repodata.json.zst}, {@code repodata.json.bz2}, and sharded repodata (CEP 16: {@code
 * repodata_shards.msgpack.zst} plus one {@code shards/<sha256>.msgpack.zst} per package name, records as in the JSON
 * with {@code sha256}/{@code md5} as bytes).
 *
 * <p>Reads the JSON twice, streaming (first the byte range of every record by name, then each name's records), so a
 * 300,000-record file needs no tree of it in memory.
 */
public final class RepodataForms {
    public static final String SHARD_INDEX = "repodata_shards.msgpack.zst";
    private static final JsonFactory JSON = new JsonFactory();

    private RepodataForms() {}

    /** Writes {@code repodata.json.zst} from {@code <subdirDir>/repodata.json}. */
    public static Path writeZst(Path subdirDir) throws IOException {
        Path out = subdirDir.resolve("repodata.json.zst");
        try (InputStream in = Files.newInputStream(subdirDir.resolve("repodata.json"));
                OutputStream os = new ZstdOutputStream(Files.newOutputStream(out), 3)) {
            in.transferTo(os);
        }
        return out;
    }

    /** Writes {@code repodata.json.bz2} from {@code <subdirDir>/repodata.json}. */
    public static Path writeBz2(Path subdirDir) throws IOException {
        Path out = subdirDir.resolve("repodata.json.bz2");
        try (InputStream in = Files.newInputStream(subdirDir.resolve("repodata.json"));
                OutputStream os = new BZip2CompressorOutputStream(Files.newOutputStream(out))) {
            in.transferTo(os);
        }
        return out;
    }

    /**
     * Writes the shard index and the shards (under {@code shards/}, {@code shards_base_url} {@code "shards/"}) of
     * {@code <subdirDir>/repodata.json}.
     *
     * @return package name -> hex SHA-256 of its shard file, sorted by name
     */
    public static Map<String, String> writeShards(Path subdirDir) throws IOException {
        Path json = subdirDir.resolve("repodata.json");
        Map<String, List<Range>> byName = new TreeMap<>();
        String subdir = locate(json, byName);
        Path shardDir = Files.createDirectories(subdirDir.resolve("shards"));
        Map<String, String> hashes = new TreeMap<>();
        try (FileChannel ch = FileChannel.open(json)) {
            ByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            for (Map.Entry<String, List<Range>> e : byName.entrySet()) {
                Map<String, Object> packages = new LinkedHashMap<>();
                Map<String, Object> conda = new LinkedHashMap<>();
                for (Range r : e.getValue()) {
                    byte[] bytes = new byte[r.end - r.start];
                    data.get(r.start, bytes);
                    Map<String, Object> record = readObject(bytes);
                    (r.conda ? conda : packages).put(r.fn, record);
                }
                Map<String, Object> shard = new LinkedHashMap<>();
                shard.put("packages", packages);
                shard.put("packages.conda", conda);
                byte[] compressed = Zstd.compress(pack(shard), 3);
                String hash = HexFormat.of().formatHex(sha256(compressed));
                write(shardDir.resolve(hash + ".msgpack.zst"), compressed);
                hashes.put(e.getKey(), hash);
            }
        }
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(3);
            p.packString("info");
            p.packMapHeader(3);
            p.packString("base_url").packString("");
            p.packString("shards_base_url").packString("shards/");
            p.packString("subdir")
                    .packString(subdir == null ? subdirDir.getFileName().toString() : subdir);
            p.packString("version").packInt(1);
            p.packString("shards");
            p.packMapHeader(hashes.size());
            for (Map.Entry<String, String> e : hashes.entrySet()) {
                byte[] h = HexFormat.of().parseHex(e.getValue());
                p.packString(e.getKey()).packBinaryHeader(h.length).writePayload(h);
            }
            write(subdirDir.resolve(SHARD_INDEX), Zstd.compress(p.toByteArray(), 3));
        }
        return hashes;
    }

    private record Range(String fn, boolean conda, int start, int end) {}

    /** First pass: every record's byte range, by package name; returns {@code info.subdir}. */
    private static String locate(Path json, Map<String, List<Range>> byName) throws IOException {
        String subdir = null;
        try (JsonParser p = JSON.createParser(json.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(json + ": not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                if (key.equals("info") && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        p.nextToken();
                        if (k.equals("subdir")) {
                            subdir = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if ((key.equals("packages") || key.equals("packages.conda")) && t == JsonToken.START_OBJECT) {
                    boolean conda = key.equals("packages.conda");
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String fn = p.currentName();
                        p.nextToken();
                        int start = (int) p.currentTokenLocation().getByteOffset();
                        String name = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            p.nextToken();
                            if (k.equals("name")) {
                                name = p.getText();
                            } else {
                                p.skipChildren();
                            }
                        }
                        int end = (int) p.currentLocation().getByteOffset();
                        byName.computeIfAbsent(name, n -> new ArrayList<>()).add(new Range(fn, conda, start, end));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return subdir;
    }

    private static Map<String, Object> readObject(byte[] bytes) throws IOException {
        try (JsonParser p = JSON.createParser(bytes)) {
            p.nextToken();
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) Json.readValue(p);
            return m;
        }
    }

    private static byte[] pack(Map<String, Object> shard) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            packValue(p, null, shard);
            return p.toByteArray();
        }
    }

    private static void packValue(MessageBufferPacker p, String key, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            if (("sha256".equals(key) || "md5".equals(key)) && s.matches("[0-9a-f]+") && s.length() % 2 == 0) {
                byte[] b = HexFormat.of().parseHex(s); // CEP 16: checksums as bytes
                p.packBinaryHeader(b.length).writePayload(b);
            } else {
                p.packString(s);
            }
        } else if (v instanceof Long l) {
            p.packLong(l);
        } else if (v instanceof Double d) {
            p.packDouble(d);
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof List<?> l) {
            p.packArrayHeader(l.size());
            for (Object o : l) {
                packValue(p, null, o);
            }
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                p.packString((String) e.getKey());
                packValue(p, (String) e.getKey(), e.getValue());
            }
        } else {
            throw new IOException("cannot pack " + v.getClass());
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".form", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
