package io.terrarium.conda.repodata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Turns one CEP 16 shard (a msgpack map with {@code packages}, {@code packages.conda}, maybe {@code removed}) into
 * the equivalent {@code repodata.json} document, so that {@link RepodataParser} reads its records by exactly the rules
 * of the JSON forms: the same solve gets the same records from every form.
 *
 * <p>msgpack binaries (the {@code sha256} and {@code md5} of records) become lower-case hex strings, as in JSON.
 * Transcoding costs little next to the fetch: a shard holds one name's records.
 */
final class MsgpackShard {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_DEPTH = 64;
    private static final HexFormat HEX = HexFormat.of();

    private MsgpackShard() {}

    /**
     * The repodata document of {@code shard} (decompressed msgpack), with {@code info.subdir} and, when given,
     * {@code info.base_url} set.
     *
     * @throws RepodataException when the bytes are not a msgpack map
     */
    static byte[] toRepodataJson(byte[] shard, String subdir, String baseUrl, String displayName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(shard.length * 2 + 64);
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(shard);
                JsonGenerator g = JSON.createGenerator(out)) {
            if (!u.hasNext() || u.getNextFormat().getValueType() != ValueType.MAP) {
                throw new RepodataException("invalid shard " + displayName + ": not a msgpack map");
            }
            int entries = u.unpackMapHeader();
            g.writeStartObject();
            g.writeObjectFieldStart("info");
            if (subdir != null) {
                g.writeStringField("subdir", subdir);
            }
            if (baseUrl != null) {
                g.writeStringField("base_url", baseUrl);
            }
            g.writeEndObject();
            for (int i = 0; i < entries; i++) {
                String key = key(u);
                if (key.equals("info")) { // ours wins: the index says where packages live
                    u.skipValue();
                    continue;
                }
                g.writeFieldName(key);
                copy(u, g, 1, displayName);
            }
            g.writeEndObject();
        } catch (IOException | MessagePackException e) {
            throw new RepodataException("invalid shard " + displayName + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static String key(MessageUnpacker u) throws IOException {
        MessageFormat f = u.getNextFormat();
        return switch (f.getValueType()) {
            case STRING -> u.unpackString();
            case BINARY -> new String(u.readPayload(u.unpackBinaryHeader()), java.nio.charset.StandardCharsets.UTF_8);
            default -> u.unpackValue().toString();
        };
    }

    private static void copy(MessageUnpacker u, JsonGenerator g, int depth, String displayName) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new RepodataException("invalid shard " + displayName + ": nested too deeply");
        }
        MessageFormat f = u.getNextFormat();
        switch (f.getValueType()) {
            case NIL -> {
                u.unpackNil();
                g.writeNull();
            }
            case BOOLEAN -> g.writeBoolean(u.unpackBoolean());
            case INTEGER -> {
                if (f == MessageFormat.UINT64) {
                    // timestamps and sizes above 2^32 come as uint64: most fit a long, whose writer is much cheaper
                    java.math.BigInteger big = u.unpackBigInteger();
                    if (big.bitLength() < 64) {
                        g.writeNumber(big.longValue());
                    } else {
                        g.writeNumber(big);
                    }
                } else {
                    g.writeNumber(u.unpackLong());
                }
            }
            case FLOAT -> g.writeNumber(u.unpackDouble());
            case STRING -> g.writeString(u.unpackString());
            case BINARY -> g.writeString(HEX.formatHex(u.readPayload(u.unpackBinaryHeader())));
            case ARRAY -> {
                int n = u.unpackArrayHeader();
                g.writeStartArray();
                for (int i = 0; i < n; i++) {
                    copy(u, g, depth + 1, displayName);
                }
                g.writeEndArray();
            }
            case MAP -> {
                int n = u.unpackMapHeader();
                g.writeStartObject();
                for (int i = 0; i < n; i++) {
                    g.writeFieldName(key(u));
                    copy(u, g, depth + 1, displayName);
                }
                g.writeEndObject();
            }
            case EXTENSION -> {
                u.skipValue(); // no extension type is defined for repodata
                g.writeNull();
            }
        }
    }
}
