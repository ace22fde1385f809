package io.terrarium.conda.repodata;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a stream through until more than a limit of bytes has come, then fails the read with a
 * {@link SizeLimitException} naming what was read: a download or a decompression stops as soon as it goes beyond
 * its cap, rather than after filling the disk or the heap.
 */
public final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private final String what;
    private long count;

    /**
     * @param limit most bytes that may be read
     * @param what  what is read, for the message ("repodata from https://...")
     */
    public BoundedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    private void add(long n) throws SizeLimitException {
        count += n;
        if (count > limit) {
            throw new SizeLimitException(what + " is larger than the limit of " + limit + " bytes; stopped reading");
        }
    }

    /** A stream or a declared size went beyond its limit. */
    public static final class SizeLimitException extends IOException {
        private static final long serialVersionUID = 1L;

        public SizeLimitException(String message) {
            super(message);
        }
    }
}
