package io.terrarium.conda.pip.metadata;

import io.terrarium.conda.pip.index.HttpSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a remote wheel's {@code .dist-info/METADATA} with HTTP range requests (the zip's tail with its central
 * directory, then that one member), as uv does for indexes without PEP 658 files; gives null when the server does
 * not serve ranges or the archive is not a plain zip, so the caller downloads the whole wheel instead.
 */
public final class RangedWheelMetadata {
    private static final int TAIL = 64 * 1024;
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;

    private RangedWheelMetadata() {}

    /** The METADATA bytes of the wheel at {@code url}, or null when ranges cannot get them. */
    public static byte[] read(HttpSource http, String url) {
        HttpSource.RangeBody tail = http.getRange(url, "bytes=-" + TAIL);
        if (tail == null) {
            return null;
        }
        ByteBuffer t = ByteBuffer.wrap(tail.body()).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = t.limit() - 22; i >= 0; i--) {
            if (t.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            return null;
        }
        long cdSize = Integer.toUnsignedLong(t.getInt(eocd + 12));
        long cdOffset = Integer.toUnsignedLong(t.getInt(eocd + 16));
        if (cdOffset == 0xFFFFFFFFL || cdSize == 0xFFFFFFFFL) {
            int loc = eocd - 20;
            if (loc < 0 || t.getInt(loc) != ZIP64_LOCATOR) {
                return null;
            }
            long z64 = t.getLong(loc + 8) - tail.start();
            if (z64 < 0 || z64 + 56 > t.limit() || t.getInt((int) z64) != ZIP64_EOCD) {
                return null;
            }
            cdSize = t.getLong((int) z64 + 40);
            cdOffset = t.getLong((int) z64 + 48);
        }
        ByteBuffer cd;
        if (cdOffset >= tail.start() && cdOffset + cdSize <= tail.start() + t.limit()) {
            cd = slice(t, (int) (cdOffset - tail.start()), (int) cdSize);
        } else {
            HttpSource.RangeBody r = http.getRange(url, "bytes=" + cdOffset + "-" + (cdOffset + cdSize - 1));
            if (r == null || r.body().length != cdSize) {
                return null;
            }
            cd = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
        }
        for (int p = 0; p + 46 <= cd.limit() && cd.getInt(p) == CENTRAL; ) {
            int method = Short.toUnsignedInt(cd.getShort(p + 10));
            long compressed = Integer.toUnsignedLong(cd.getInt(p + 20));
            long size = Integer.toUnsignedLong(cd.getInt(p + 24));
            int nameLen = Short.toUnsignedInt(cd.getShort(p + 28));
            int extraLen = Short.toUnsignedInt(cd.getShort(p + 30));
            int commentLen = Short.toUnsignedInt(cd.getShort(p + 32));
            long local = Integer.toUnsignedLong(cd.getInt(p + 42));
            byte[] nameBytes = new byte[nameLen];
            cd.get(p + 46, nameBytes);
            String name = new String(nameBytes, java.nio.charset.StandardCharsets.UTF_8);
            int slash = name.indexOf('/');
            if (slash > 0
                    && name.substring(0, slash).endsWith(".dist-info")
                    && name.substring(slash + 1).equals("METADATA")) {
                if (compressed == 0xFFFFFFFFL
                        || size == 0xFFFFFFFFL
                        || local == 0xFFFFFFFFL
                        || compressed > 16 * 1024 * 1024) {
                    return null; // zip64 sizes for a METADATA file: not worth the parsing, download instead
                }
                return member(http, url, local, method, compressed, size);
            }
            p += 46 + nameLen + extraLen + commentLen;
        }
        return null;
    }

    private static byte[] member(HttpSource http, String url, long local, int method, long compressed, long size) {
        long guess = 30 + 1024 + compressed;
        HttpSource.RangeBody r = http.getRange(url, "bytes=" + local + "-" + (local + guess - 1));
        if (r == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 30 || b.getInt(0) != LOCAL) {
            return null;
        }
        int start = 30 + Short.toUnsignedInt(b.getShort(26)) + Short.toUnsignedInt(b.getShort(28));
        if (start + compressed > b.limit()) {
            return null;
        }
        byte[] data = new byte[(int) compressed];
        b.get(start, data);
        if (method == 0) {
            return data;
        }
        if (method != 8) {
            return null;
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data);
            byte[] out = new byte[(int) size];
            int n = 0;
            while (n < out.length && !inflater.finished()) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            return n == out.length ? out : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    private static ByteBuffer slice(ByteBuffer b, int offset, int length) {
        byte[] out = new byte[length];
        b.get(offset, out);
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    }
}
