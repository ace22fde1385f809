package io.terrarium.conda.pkg;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on one cache entry (of the package cache, and of the repodata cache), held against the other
 * threads of this JVM and against other processes: an in-JVM lock first, then a {@link FileLock} on the entry's lock
 * file.
 *
 * <p>The in-JVM lock comes first because a {@link FileLock} belongs to the whole JVM, and because a second channel
 * opened and closed on a file this JVM has locked would release the POSIX lock: only the thread holding the in-JVM
 * lock ever opens the lock file. In-JVM locks are keyed by the lock file's real directory, so two spellings of one
 * cache directory (a symbolic link) share them. Lock files are never deleted: a process waiting on a deleted file
 * would lock an inode nobody else sees.
 */
public record CacheLock(ReentrantLock jvmLock, FileChannel channel) implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    /** Waits for and takes the lock of {@code lockFile} (created if needed; its directory must exist). */
    public static CacheLock acquire(Path lockFile) throws IOException {
        Path key = lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        if (jvmLock.isHeldByCurrentThread()) {
            // a nested acquire would open and close a second channel on the file, dropping the process's lock
            throw new IllegalStateException("cache lock " + key + " is already held by this thread");
        }
        jvmLock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock(channel);
            return new CacheLock(jvmLock, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            jvmLock.unlock();
            throw e;
        }
    }

    /**
     * Blocks until the file lock is ours. POSIX locks belong to processes, not threads: when a thread of each of two
     * processes holds one entry and waits for the entry the other holds, the kernel sees two processes waiting on
     * each other and refuses the wait ({@code EDEADLK}, "Resource deadlock avoided"), although every thread holds a
     * single lock and the waits would end. Then poll with non-blocking attempts, which the kernel never refuses.
     */
    private static void lock(FileChannel channel) throws IOException {
        try {
            channel.lock();
            return;
        } catch (IOException e) {
            // EDEADLK (its message depends on the platform); a real I/O error recurs in tryLock below
        }
        long pause = 1;
        while (channel.tryLock() == null) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a cache lock");
            }
            pause = Math.min(pause * 2, 20);
        }
    }

    /** Releases the file lock (closing its only channel) and then the in-JVM lock. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            jvmLock.unlock();
        }
    }
}
