package io.terrarium.conda.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A small channel with the shape of a conflict on a big conda-forge-like channel: every dependency is pinned to its
 * major ({@code >=X.Y.0,<X+1}), four python builds per version, and {@code app} cannot be installed because all of
 * its builds reach {@code core} below 4 through {@code lib-a -> lib-b -> lib-c}, while its newest builds need
 * {@code core} 4, {@code app 3.5.0} needs {@code lib-a} 3.5+ (which needs {@code core} 4 too) and the older ones need
 * a {@code plugin} that needs {@code core} 4.
 */
public final class PinnedChainChannel {
    /** The packages of the chain from {@code app} down to the package it fails on. */
    public static final List<String> CHAIN = List.of("app", "lib-a", "lib-b", "lib-c", "core");

    private static final List<String> BUILDS = List.of("py39_0", "py310_0", "py311_0", "py312_0");

    private PinnedChainChannel() {}

    /** Writes and indexes the channel in {@code dir}. */
    public static FixtureChannel write(Path dir) throws IOException {
        FixtureChannel channel = FixtureChannel.at(dir);
        for (String v : List.of("1.0.0", "1.5.0", "2.0.0", "2.5.0", "3.0.0", "3.5.0", "4.0.0", "4.5.0")) {
            add(channel, "core", v);
        }
        // each layer accepts a different range of the layer below per version: six ranges that together cover 1 to 4
        for (String v : List.of("1.0.0", "1.5.0", "2.0.0", "2.5.0", "3.0.0", "3.5.0")) {
            add(channel, "lib-c", v, pinned("core", v));
            add(channel, "lib-b", v, pinned("lib-c", v));
        }
        for (String v : List.of("1.0.0", "1.5.0", "2.0.0", "2.5.0", "3.0.0")) {
            add(channel, "lib-a", v, pinned("lib-b", v));
        }
        add(channel, "lib-a", "3.5.0", pinned("lib-b", "3.5.0"), "core >=4.0.0,<5");
        add(channel, "lib-a", "3.7.0", pinned("lib-b", "3.5.0"), "core >=4.5.0,<5");
        add(channel, "plugin", "3.0.0", "core >=4.0.0,<5");
        add(channel, "plugin", "3.5.0", "core >=4.0.0,<5");
        add(channel, "app", "4.0.0", pinned("lib-a", "3.0.0"), "core >=4.0.0,<5");
        add(channel, "app", "3.8.0", pinned("lib-a", "3.0.0"), "core >=4.5.0,<5");
        add(channel, "app", "3.5.0", pinned("lib-a", "3.5.0"));
        for (String v : List.of("1.0.0", "1.5.0", "2.0.0", "2.5.0", "3.0.0")) {
            add(channel, "app", v, pinned("lib-a", v), "plugin >=3.0.0,<4");
        }
        return channel.index();
    }

    /** {@code name >=version,<next major}, as conda-forge's run_exports pin. */
    private static String pinned(String name, String version) {
        int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
        return name + " >=" + version + ",<" + (major + 1);
    }

    private static void add(FixtureChannel channel, String name, String version, String... depends) throws IOException {
        for (String build : BUILDS) {
            channel.add(PackageFixture.of(name, version, build).depends(depends));
        }
    }
}
