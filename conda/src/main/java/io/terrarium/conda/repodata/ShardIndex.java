package io.terrarium.conda.repodata;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The index of a sharded subdir (CEP 16, {@code repodata_shards.msgpack.zst} decompressed): which shard holds each
 * package name, and where shards and packages live.
 *
 * @param subdir        {@code info.subdir}
 * @param packageBase   absolute URL (ending in {@code /}) that records' file names are appended to
 * @param shardBase     absolute URL (ending in {@code /}) that {@code <sha256 hex>.msgpack.zst} is appended to
 * @param shardByName   package name -> lower-case hex SHA-256 of its shard file (the compressed bytes)
 */
record ShardIndex(String subdir, String packageBase, String shardBase, Map<String, String> shardByName) {
    static final String FILE_NAME = "repodata_shards.msgpack.zst";

    /** The URL of the shard holding {@code name}'s records. */
    String shardUrl(String name) {
        return shardBase + shardByName.get(name) + ".msgpack.zst";
    }

    /**
     * Decodes an index read from {@code indexUrl}; relative {@code base_url} and {@code shards_base_url} resolve
     * against it, and an empty one means the index's own directory.
     *
     * @throws RepodataException when the bytes are not such an index
     */
    static ShardIndex decode(byte[] msgpack, String indexUrl) {
        String subdir = null, baseUrl = null, shardsBaseUrl = null;
        Map<String, String> shards = null;
        HexFormat hex = HexFormat.of();
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(msgpack)) {
            if (!u.hasNext() || u.getNextFormat().getValueType() != ValueType.MAP) {
                throw new RepodataException("invalid shard index " + indexUrl + ": not a msgpack map");
            }
            int entries = u.unpackMapHeader();
            for (int i = 0; i < entries; i++) {
                String key = u.unpackString();
                switch (key) {
                    case "info" -> {
                        int n = mapHeader(u, indexUrl, "info");
                        for (int j = 0; j < n; j++) {
                            String k = u.unpackString();
                            switch (k) {
                                case "subdir" -> subdir = stringOrNull(u);
                                case "base_url" -> baseUrl = stringOrNull(u);
                                case "shards_base_url" -> shardsBaseUrl = stringOrNull(u);
                                default -> u.skipValue();
                            }
                        }
                    }
                    case "shards" -> {
                        int n = mapHeader(u, indexUrl, "shards");
                        shards = new HashMap<>(n * 2);
                        for (int j = 0; j < n; j++) {
                            String name = u.unpackString();
                            if (u.getNextFormat().getValueType() != ValueType.BINARY) {
                                throw new RepodataException("invalid shard index " + indexUrl + ": the hash of '" + name
                                        + "' is not binary");
                            }
                            byte[] sha = u.readPayload(u.unpackBinaryHeader());
                            if (sha.length != 32) {
                                throw new RepodataException("invalid shard index " + indexUrl + ": the hash of '" + name
                                        + "' has " + sha.length + " bytes, not 32");
                            }
                            shards.put(name, hex.formatHex(sha));
                        }
                    }
                    default -> u.skipValue();
                }
            }
        } catch (IOException | MessagePackException e) {
            throw new RepodataException("invalid shard index " + indexUrl + ": " + e.getMessage(), e);
        }
        if (shards == null) {
            throw new RepodataException("invalid shard index " + indexUrl + ": no 'shards' map");
        }
        return new ShardIndex(
                subdir,
                resolve(indexUrl, baseUrl),
                resolve(indexUrl, shardsBaseUrl),
                Collections.unmodifiableMap(shards));
    }

    private static int mapHeader(MessageUnpacker u, String indexUrl, String field) throws IOException {
        if (u.getNextFormat().getValueType() != ValueType.MAP) {
            throw new RepodataException("invalid shard index " + indexUrl + ": '" + field + "' is not a map");
        }
        return u.unpackMapHeader();
    }

    private static String stringOrNull(MessageUnpacker u) throws IOException {
        if (u.getNextFormat().getValueType() == ValueType.NIL) {
            u.unpackNil();
            return null;
        }
        return u.unpackString();
    }

    private static String resolve(String indexUrl, String base) {
        String dir = indexUrl.substring(0, indexUrl.lastIndexOf('/') + 1);
        if (base == null || base.isBlank()) {
            return dir;
        }
        String b = base.endsWith("/") ? base : base + "/";
        try {
            URI uri = new URI(b);
            if (uri.getUserInfo() != null) {
                throw new RepodataException("invalid shard index " + indexUrl + ": a base URL carries credentials");
            }
            return uri.isAbsolute() ? b : new URI(indexUrl).resolve(uri).toString();
        } catch (URISyntaxException e) {
            throw new RepodataException("invalid shard index " + indexUrl + ": '" + base + "' is not a URL", e);
        }
    }
}
