package io.terrarium.conda.repodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.PackageRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** A shard read through {@link MsgpackShard} gives the records of its JSON document, value type by value type. */
class MsgpackShardTest {
    private static final String CH = "https://example.org/ch";
    private static final byte[] SHA = new byte[32];

    static {
        Arrays.fill(SHA, (byte) 0xab);
    }

    /** {@code numpy}'s shard with every msgpack type a record can hold, and the shard's own info, which is ignored. */
    private static byte[] shard() throws IOException {
        MessageBufferPacker m = MessagePack.newDefaultBufferPacker();
        m.packMapHeader(4);
        m.packString("info").packMapHeader(1).packString("base_url").packString("https://elsewhere.example/");
        m.packString("packages").packMapHeader(1);
        m.packString("numpy-1.26.4-py311_0.tar.bz2").packMapHeader(11);
        m.packString("name").packString("numpy");
        m.packString("version").packString("1.26.4");
        m.packString("build").packString("py311_0");
        m.packString("build_number").packInt(0);
        m.packString("depends")
                .packArrayHeader(2)
                .packString("python >=3.11,<3.12")
                .packString("libblas");
        m.packString("sha256").packBinaryHeader(32).writePayload(SHA);
        m.packString("timestamp").packBigInteger(new BigInteger("1700000000000"));
        m.packString("size").packLong(7_000_000_000L);
        m.packString("track_features").packNil();
        m.packString("extension").packExtensionTypeHeader((byte) 1, 2).writePayload(new byte[] {1, 2});
        m.packString("nested")
                .packMapHeader(1)
                .packString("a")
                .packArrayHeader(2)
                .packDouble(1.5)
                .packBoolean(true);
        m.packString("packages.conda").packMapHeader(1);
        m.packString("numpy-2.0.0-py311_0.conda").packMapHeader(5);
        m.packString("name").packString("numpy");
        m.packString("version").packString("2.0.0");
        m.packString("build").packString("py311_0");
        m.packString("timestamp").packLong(1_700_000_000L);
        m.packBinaryHeader(6).writePayload("md5sum".getBytes(StandardCharsets.UTF_8)); // a key as binary
        m.packString("0123456789abcdef0123456789abcdef");
        m.packString("removed").packArrayHeader(1).packString("numpy-1.0-py311_0.tar.bz2");
        m.close();
        return m.toByteArray();
    }

    private static final String JSON = """
            {"info": {"subdir": "linux-64", "base_url": "https://pkgs.example/linux-64/"},
             "packages": {"numpy-1.26.4-py311_0.tar.bz2": {"name": "numpy", "version": "1.26.4", "build": "py311_0",
                "build_number": 0, "depends": ["python >=3.11,<3.12", "libblas"], "sha256": "%s",
                "timestamp": 1700000000000, "size": 7000000000, "track_features": null, "extension": null,
                "nested": {"a": [1.5, true]}}},
             "packages.conda": {"numpy-2.0.0-py311_0.conda": {"name": "numpy", "version": "2.0.0", "build": "py311_0",
                "timestamp": 1700000000, "md5sum": "0123456789abcdef0123456789abcdef"}},
             "removed": ["numpy-1.0-py311_0.tar.bz2"]}
            """.formatted(HexFormat.of().formatHex(SHA));

    @Test
    void readsAsTheEquivalentJsonDocument() throws IOException {
        String url = CH + "/linux-64/repodata.json";
        SubdirRepodata fromShard = RepodataParser.parse(
                MsgpackShard.parser(shard(), "linux-64", "https://pkgs.example/linux-64/", "shard of numpy"),
                CH,
                url,
                "linux-64",
                "shard of numpy");
        SubdirRepodata fromJson = RepodataParser.parse(
                new ByteArrayInputStream(JSON.getBytes(StandardCharsets.UTF_8)), CH, url, "linux-64", "numpy.json");
        List<PackageRecord> records = fromShard.recordsNamed("numpy");
        assertEquals(2, records.size());
        assertEquals(fromJson.recordsNamed("numpy"), records);
        for (int i = 0; i < records.size(); i++) {
            PackageRecord a = records.get(i);
            PackageRecord b = fromJson.recordsNamed("numpy").get(i);
            assertEquals(b.url(), a.url(), "the base URL given, not the shard's own info");
            assertEquals(b.depends(), a.depends());
            assertEquals(b.sha256(), a.sha256());
            assertEquals(b.timestamp(), a.timestamp());
            assertEquals(b.size(), a.size());
            assertEquals(b.trackFeatures(), a.trackFeatures());
        }
        assertTrue(
                records.get(0).url().startsWith("https://pkgs.example/linux-64/"),
                records.get(0).url());
        assertEquals("ab".repeat(32), records.get(0).sha256());
        assertEquals(7_000_000_000L, records.get(0).size());
    }

    @Test
    void aNumberBeyondALongFailsAsInTheJsonForm() throws IOException {
        MessageBufferPacker m = MessagePack.newDefaultBufferPacker();
        m.packMapHeader(1).packString("packages").packMapHeader(1);
        m.packString("x-1-0.tar.bz2").packMapHeader(1);
        m.packString("timestamp").packBigInteger(BigInteger.ONE.shiftLeft(63).add(BigInteger.TEN));
        m.close();
        String url = CH + "/linux-64/repodata.json";
        RepodataException fromShard = assertThrows(
                RepodataException.class,
                () -> RepodataParser.parse(
                        MsgpackShard.parser(m.toByteArray(), "linux-64", null, "shard of x"),
                        CH,
                        url,
                        "linux-64",
                        "shard of x"));
        String json = "{\"packages\": {\"x-1-0.tar.bz2\": {\"timestamp\": 9223372036854775818}}}";
        RepodataException fromJson = assertThrows(
                RepodataException.class,
                () -> RepodataParser.parse(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                        CH,
                        url,
                        "linux-64",
                        "shard of x"));
        String reason = "Numeric value (9223372036854775818) out of range of long";
        assertTrue(
                fromShard.getMessage().startsWith("malformed repodata shard of x: " + reason), fromShard.getMessage());
        assertTrue(fromJson.getMessage().contains(reason), fromJson.getMessage());
    }

    @Test
    void rejectsWhatIsNotAMsgpackMap() throws IOException {
        MessageBufferPacker m = MessagePack.newDefaultBufferPacker();
        m.packArrayHeader(0);
        m.close();
        RepodataException e = assertThrows(
                RepodataException.class, () -> MsgpackShard.parser(m.toByteArray(), "linux-64", null, "shard of x"));
        assertEquals("invalid shard shard of x: not a msgpack map", e.getMessage());
    }

    @Test
    void aTruncatedShardIsMalformedRepodataNamingTheShard() throws IOException {
        byte[] whole = shard();
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        RepodataException e = assertThrows(
                RepodataException.class,
                () -> RepodataParser.parse(
                        MsgpackShard.parser(cut, "linux-64", null, "shard of numpy"),
                        CH,
                        CH + "/linux-64/repodata.json",
                        "linux-64",
                        "shard of numpy"));
        assertTrue(e.getMessage().startsWith("malformed repodata shard of numpy: "), e.getMessage());
    }

    @Test
    void nestingIsBounded() throws IOException {
        MessageBufferPacker m = MessagePack.newDefaultBufferPacker();
        m.packMapHeader(1).packString("deep");
        for (int i = 0; i < 100; i++) {
            m.packArrayHeader(1);
        }
        m.packNil();
        m.close();
        RepodataException e = assertThrows(
                RepodataException.class,
                () -> RepodataParser.parse(
                        MsgpackShard.parser(m.toByteArray(), "linux-64", null, "shard of x"),
                        CH,
                        CH + "/linux-64/repodata.json",
                        "linux-64",
                        "shard of x"));
        assertEquals("malformed repodata shard of x: nested too deeply", e.getMessage());
    }
}
