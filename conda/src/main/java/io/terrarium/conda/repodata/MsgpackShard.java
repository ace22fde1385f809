package io.terrarium.conda.repodata;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserMinimalBase;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HexFormat;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads one CEP 16 shard (a msgpack map with {@code packages}, {@code packages.conda}, maybe {@code removed}) as the
 * token stream of the equivalent {@code repodata.json} document, so that {@link RepodataParser} reads its records by
 * exactly the rules of the JSON forms, without writing that JSON and tokenizing it again.
 *
 * <p>The document begins with an {@code info} object carrying the subdir and, when given, the package base URL; the
 * shard's own {@code info} is skipped (the shard index says where packages live). msgpack binaries (the
 * {@code sha256} and {@code md5} of records) read as lower-case hex strings, as in JSON; extension values read as
 * {@code null}. Malformed msgpack ends the stream with a {@link JsonParseException}.
 */
final class MsgpackShard extends ParserMinimalBase {
    private static final int MAX_DEPTH = 64;
    private static final HexFormat HEX = HexFormat.of();

    /** One open map or array: how many entries are left, and for a map whether its next item is a key. */
    private static final class Frame {
        final boolean map;
        int remaining;
        boolean keyNext = true;

        Frame(boolean map, int remaining) {
            this.map = map;
            this.remaining = remaining;
        }
    }

    private final MessageUnpacker in;
    private final String displayName;
    private final ArrayDeque<Frame> open = new ArrayDeque<>();
    /** The synthetic {@code info} object, token by token, emitted right after the document starts. */
    private final ArrayDeque<Object[]> info = new ArrayDeque<>();

    private boolean started;
    private boolean closed;
    private String name;
    private String text;
    private char[] chars = new char[64];
    private long longValue;
    private BigInteger bigValue;
    private double doubleValue;

    private MsgpackShard(byte[] shard, String subdir, String baseUrl, String displayName) {
        this.in = MessagePack.newDefaultUnpacker(shard);
        this.displayName = displayName;
        info.add(new Object[] {JsonToken.FIELD_NAME, "info"});
        info.add(new Object[] {JsonToken.START_OBJECT, null});
        if (subdir != null) {
            info.add(new Object[] {JsonToken.FIELD_NAME, "subdir"});
            info.add(new Object[] {JsonToken.VALUE_STRING, subdir});
        }
        if (baseUrl != null) {
            info.add(new Object[] {JsonToken.FIELD_NAME, "base_url"});
            info.add(new Object[] {JsonToken.VALUE_STRING, baseUrl});
        }
        info.add(new Object[] {JsonToken.END_OBJECT, null});
    }

    /**
     * The repodata document of {@code shard} (decompressed msgpack) as a parser, with {@code info.subdir} and, when
     * given, {@code info.base_url} set.
     *
     * @throws RepodataException when the bytes are not a msgpack map
     */
    static MsgpackShard parser(byte[] shard, String subdir, String baseUrl, String displayName) {
        MsgpackShard p = new MsgpackShard(shard, subdir, baseUrl, displayName);
        try {
            if (!p.in.hasNext() || p.in.getNextFormat().getValueType() != ValueType.MAP) {
                throw new RepodataException("invalid shard " + displayName + ": not a msgpack map");
            }
        } catch (IOException | MessagePackException e) {
            throw new RepodataException("invalid shard " + displayName + ": " + e.getMessage(), e);
        }
        return p;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        try {
            return _currToken = advance();
        } catch (MessagePackException e) {
            throw new JsonParseException(this, e.getMessage(), e);
        }
    }

    private JsonToken advance() throws IOException {
        if (!started) {
            started = true;
            open.push(new Frame(true, in.unpackMapHeader()));
            return JsonToken.START_OBJECT;
        }
        if (!info.isEmpty()) {
            Object[] t = info.poll();
            if (t[0] == JsonToken.FIELD_NAME) {
                name = (String) t[1];
            } else {
                text = (String) t[1];
            }
            return (JsonToken) t[0];
        }
        Frame top = open.peek();
        if (top == null) {
            return null;
        }
        if (top.map && top.keyNext) {
            if (top.remaining == 0) {
                open.pop();
                return JsonToken.END_OBJECT;
            }
            top.remaining--;
            name = key();
            if (open.size() == 1 && name.equals("info")) {
                in.skipValue(); // ours wins: the shard index says where packages live
                return advance();
            }
            top.keyNext = false;
            return JsonToken.FIELD_NAME;
        }
        if (top.map) {
            top.keyNext = true;
        } else {
            if (top.remaining == 0) {
                open.pop();
                return JsonToken.END_ARRAY;
            }
            top.remaining--;
        }
        return value();
    }

    private String key() throws IOException {
        MessageFormat f = in.getNextFormat();
        return switch (f.getValueType()) {
            case STRING -> in.unpackString();
            case BINARY -> new String(in.readPayload(in.unpackBinaryHeader()), StandardCharsets.UTF_8);
            default -> in.unpackValue().toString();
        };
    }

    private JsonToken value() throws IOException {
        MessageFormat f = in.getNextFormat();
        switch (f.getValueType()) {
            case NIL -> {
                in.unpackNil();
                return JsonToken.VALUE_NULL;
            }
            case BOOLEAN -> {
                return in.unpackBoolean() ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE;
            }
            case INTEGER -> {
                if (f == MessageFormat.UINT64) {
                    // timestamps and sizes above 2^32 come as uint64: most fit a long
                    BigInteger big = in.unpackBigInteger();
                    bigValue = big.bitLength() < 64 ? null : big;
                    longValue = big.longValue();
                } else {
                    bigValue = null;
                    longValue = in.unpackLong();
                }
                return JsonToken.VALUE_NUMBER_INT;
            }
            case FLOAT -> {
                doubleValue = in.unpackDouble();
                return JsonToken.VALUE_NUMBER_FLOAT;
            }
            case STRING -> {
                text = in.unpackString();
                return JsonToken.VALUE_STRING;
            }
            case BINARY -> {
                text = HEX.formatHex(in.readPayload(in.unpackBinaryHeader()));
                return JsonToken.VALUE_STRING;
            }
            case ARRAY -> {
                push(new Frame(false, in.unpackArrayHeader()));
                return JsonToken.START_ARRAY;
            }
            case MAP -> {
                push(new Frame(true, in.unpackMapHeader()));
                return JsonToken.START_OBJECT;
            }
            default -> {
                in.skipValue(); // no extension type is defined for repodata
                return JsonToken.VALUE_NULL;
            }
        }
    }

    private void push(Frame frame) throws JsonParseException {
        if (open.size() >= MAX_DEPTH) {
            throw new JsonParseException(this, "nested too deeply");
        }
        open.push(frame);
    }

    @Override
    protected void _handleEOF() throws JsonParseException {
        _reportInvalidEOF();
    }

    @Override
    public String currentName() {
        return name;
    }

    @Override
    @Deprecated
    public String getCurrentName() {
        return name;
    }

    @Override
    public String getText() {
        if (_currToken == null) {
            return null;
        }
        return switch (_currToken) {
            case VALUE_STRING -> text;
            case FIELD_NAME -> name;
            case VALUE_NUMBER_INT -> bigValue != null ? bigValue.toString() : Long.toString(longValue);
            case VALUE_NUMBER_FLOAT -> Double.toString(doubleValue);
            default -> _currToken.asString();
        };
    }

    @Override
    public char[] getTextCharacters() {
        String s = getText();
        if (s == null) {
            return null;
        }
        if (chars.length < s.length()) {
            chars = new char[Math.max(s.length(), chars.length * 2)];
        }
        s.getChars(0, s.length(), chars, 0);
        return chars;
    }

    @Override
    public boolean hasTextCharacters() {
        return false;
    }

    @Override
    public int getTextLength() {
        String s = getText();
        return s == null ? 0 : s.length();
    }

    @Override
    public int getTextOffset() {
        return 0;
    }

    @Override
    public NumberType getNumberType() {
        if (_currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return NumberType.DOUBLE;
        }
        return bigValue != null ? NumberType.BIG_INTEGER : NumberType.LONG;
    }

    @Override
    public Number getNumberValue() {
        if (_currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return doubleValue;
        }
        return bigValue != null ? bigValue : (Number) longValue;
    }

    @Override
    public int getIntValue() throws IOException {
        return (int) getLongValue();
    }

    @Override
    public long getLongValue() throws IOException {
        if (bigValue != null) {
            reportOverflowLong(bigValue.toString()); // as the JSON parser does
        }
        return _currToken == JsonToken.VALUE_NUMBER_FLOAT ? (long) doubleValue : longValue;
    }

    @Override
    public BigInteger getBigIntegerValue() {
        if (bigValue != null) {
            return bigValue;
        }
        return _currToken == JsonToken.VALUE_NUMBER_FLOAT
                ? BigDecimal.valueOf(doubleValue).toBigInteger()
                : BigInteger.valueOf(longValue);
    }

    @Override
    public float getFloatValue() {
        return (float) getDoubleValue();
    }

    @Override
    public double getDoubleValue() {
        if (_currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return doubleValue;
        }
        return bigValue != null ? bigValue.doubleValue() : longValue;
    }

    @Override
    public BigDecimal getDecimalValue() {
        return _currToken == JsonToken.VALUE_NUMBER_FLOAT
                ? BigDecimal.valueOf(doubleValue)
                : new BigDecimal(getBigIntegerValue());
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) throws IOException {
        com.fasterxml.jackson.core.util.ByteArrayBuilder out = new com.fasterxml.jackson.core.util.ByteArrayBuilder();
        _decodeBase64(getText(), out, variant);
        return out.toByteArray();
    }

    @Override
    public JsonLocation currentLocation() {
        return JsonLocation.NA;
    }

    @Override
    public JsonLocation currentTokenLocation() {
        return JsonLocation.NA;
    }

    @Override
    @Deprecated
    public JsonLocation getCurrentLocation() {
        return JsonLocation.NA;
    }

    @Override
    @Deprecated
    public JsonLocation getTokenLocation() {
        return JsonLocation.NA;
    }

    @Override
    public JsonStreamContext getParsingContext() {
        return null;
    }

    @Override
    public void overrideCurrentName(String name) {
        this.name = name;
    }

    @Override
    public ObjectCodec getCodec() {
        return null;
    }

    @Override
    public void setCodec(ObjectCodec codec) {
        throw new UnsupportedOperationException("a shard parser has no codec");
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            in.close();
        }
    }
}
