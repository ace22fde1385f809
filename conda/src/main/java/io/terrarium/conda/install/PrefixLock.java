package io.terrarium.conda.install;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a prefix while a record is linked, so that two workers sharing a store never link into the
 * same prefix at once. It locks {@code conda-meta/history} itself (every environment has it), so no extra file is
 * left in the prefix. Another process waits for the lock; a second transaction in the same JVM fails at once.
 *
 * <p>POSIX drops a process's lock when any descriptor of the file closes, so while locked the history is read and
 * appended through this lock's own channel only ({@link #readHistory()}, {@link #appendHistory(String)}).
 */
final class PrefixLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private PrefixLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static PrefixLock acquire(Path prefix) throws IOException {
        History.touch(prefix);
        FileChannel ch = FileChannel.open(History.file(prefix), StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return new PrefixLock(ch, ch.lock());
        } catch (OverlappingFileLockException e) {
            ch.close();
            throw new InstallException("another install into " + prefix + " is running in this process");
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The whole history file. */
    String readHistory() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) channel.size());
        long pos = 0;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    /** Appends text to the history file. */
    void appendHistory(String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long pos = channel.size();
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
