package io.terrarium.conda.install;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link PrefixLockTest}: {@code HoldPrefixLock <prefix> <millis>} takes the prefix lock,
 * writes {@code <prefix>.locked}, holds the lock for a while, writes {@code <prefix>.released} and releases it.
 */
final class HoldPrefixLock {
    private HoldPrefixLock() {}

    public static void main(String[] args) throws Exception {
        Path prefix = Path.of(args[0]);
        try (PrefixLock lock = PrefixLock.acquire(prefix)) {
            Files.writeString(Path.of(prefix + ".locked"), "locked");
            Thread.sleep(Long.parseLong(args[1]));
            Files.writeString(Path.of(prefix + ".released"), "released");
        }
    }
}
