package io.terrarium.conda.pkg;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds what a tar reader may consume while reading one entry's headers: GNU long names and PAX records are read
 * into memory by the tar library, so a header declaring a gigabyte-long name (a few bytes once compressed) would
 * exhaust the heap. Callers bracket {@code getNextEntry()} with {@link #enterHeader()} / {@link #leaveHeader()} and
 * read each entry's data to its end themselves, so only header bytes count.
 */
final class TarHeaderGuard extends FilterInputStream {
    /** Far above any real long name or PAX record set, far below a heap. */
    static final long MAX_HEADER_BYTES = 1 << 20;

    private boolean inHeader;
    private long headerBytes;

    TarHeaderGuard(InputStream in) {
        super(in);
    }

    void enterHeader() {
        inHeader = true;
        headerBytes = 0;
    }

    void leaveHeader() {
        inHeader = false;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = in.skip(n);
        if (s > 0) {
            count(s);
        }
        return s;
    }

    private void count(long n) throws UnsafePackageException {
        if (inHeader) {
            headerBytes += n;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new UnsafePackageException("refusing archive: a tar header (long name or PAX records) runs past "
                        + MAX_HEADER_BYTES + " bytes");
            }
        }
    }
}
