package io.terrarium.conda.pip.install;

import io.terrarium.conda.pip.index.HttpSource;
import io.terrarium.conda.pip.index.IndexConfig;
import io.terrarium.conda.pip.wheel.WheelCache;
import io.terrarium.conda.pkg.Sha256;
import java.nio.file.Path;

/**
 * The wheel installs that {@link PipCrashRecoveryTest} runs in a child JVM and kills: it installs the given wheels
 * in order into a prefix whose {@code bin/python} script kills this JVM with SIGKILL on its n-th run, which is the
 * byte-compilation of the n-th wheel: after its files are moved into the prefix, before its RECORD is written.
 */
final class KilledPipInstall {
    private KilledPipInstall() {}

    /** {@code <prefix> <wheel cache> <wheel>...}. */
    public static void main(String[] args) throws Exception {
        Path prefix = Path.of(args[0]);
        WheelCache cache = new WheelCache(Path.of(args[1]), new HttpSource(IndexConfig.pypi(null)));
        WheelInstaller installer = new WheelInstaller(prefix, SchemeLayout.of("3.11", "linux-64"), cache);
        for (int i = 2; i < args.length; i++) {
            Path wheel = Path.of(args[i]);
            installer.install(wheel, Sha256.of(wheel), true, null);
        }
    }
}
