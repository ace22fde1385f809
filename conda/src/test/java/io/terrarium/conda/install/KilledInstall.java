package io.terrarium.conda.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The install that {@link CrashRecoveryTest} runs in a child JVM and kills: eight packages, each with a prefix
 * script, data files, a link and a post-link script. The post-link script of the package whose name is in the file
 * {@code <prefix>.kill} kills the JVM with SIGKILL (after that record's files are linked, before its conda-meta record),
 * like a worker dying mid-record.
 */
final class KilledInstall {
    static final int N = 8;

    private KilledInstall() {}

    static List<ExtractedPackage> packages() {
        List<ExtractedPackage> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String name = "crash" + i;
            out.add(ExtractedPackage.of(name, "1." + i)
                    .textWithPrefix("bin/" + name, "#!/bin/sh\necho @P@\n", true)
                    .file("share/" + name + "/a.txt", "a " + i + "\n")
                    .file("share/" + name + "/b.txt", "b " + i + "\n")
                    .symlink("share/" + name + "/c.txt", "a.txt")
                    .file(
                            "bin/." + name + "-post-link.sh",
                            "echo linked > \"$PREFIX/share/" + name + "/post-linked\"\n"
                                    + "if [ \"$(cat \"$PREFIX.kill\" 2>/dev/null)\" = \"$PKG_NAME\" ]; then\n"
                                    + "  rm -f \"$PREFIX.kill\"\n"
                                    + "  kill -9 $PPID\n"
                                    + "  sleep 30\n"
                                    + "fi\n"));
        }
        return out;
    }

    static List<LinkRequest> requests(Path cache) {
        List<LinkRequest> out = new ArrayList<>();
        for (ExtractedPackage p : packages()) {
            out.add(new LinkRequest(
                    p.record(), cache.resolve(p.dist()), null, p.record().name()));
        }
        return out;
    }

    /** {@code KilledInstall <prefix> <cache>}: installs the packages (already written to the cache). */
    public static void main(String[] args) throws IOException {
        Path prefix = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        new PrefixInstaller(PrefixInstallerTest.OPTIONS).install(prefix, requests(cache), null);
    }
}
