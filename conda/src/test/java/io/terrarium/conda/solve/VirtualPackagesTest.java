package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Virtual packages per target platform, conda's override variables and the CLI's explicit form. */
class VirtualPackagesTest {

    private static String describe(List<PackageRecord> records) {
        return records.stream()
                .map(r -> r.name() + "=" + r.versionText() + "=" + r.build())
                .collect(Collectors.joining(" "));
    }

    @Test
    void foreignLinuxTargetGetsCondaLockDefaults() {
        assertEquals(
                "__unix=0=0 __linux=5.10=0 __glibc=2.17=0 __archspec=1=x86_64",
                describe(VirtualPackages.detect(Platform.LINUX_64, Map.of(), Map.of())));
        assertEquals(
                "__unix=0=0 __linux=5.10=0 __glibc=2.17=0 __archspec=1=aarch64",
                describe(VirtualPackages.detect(Platform.LINUX_AARCH64, Map.of(), Map.of())));
    }

    @Test
    void macAndWindowsTargets() {
        assertEquals(
                "__unix=0=0 __osx=11.0=0 __archspec=1=arm64",
                describe(VirtualPackages.detect(Platform.OSX_ARM64, Map.of(), Map.of())));
        assertEquals(
                "__unix=0=0 __osx=10.15=0 __archspec=1=x86_64",
                describe(VirtualPackages.detect(Platform.OSX_64, Map.of(), Map.of())));
        assertEquals(
                "__win=0=0 __archspec=1=x86_64", describe(VirtualPackages.detect(Platform.WIN_64, Map.of(), Map.of())));
        assertEquals("", describe(VirtualPackages.detect(Platform.NOARCH, Map.of(), Map.of())));
    }

    @Test
    void hostValuesAreUsedWhenDetected() {
        Map<String, String> host = Map.of("linux", "6.1.0", "glibc", "2.36", "cuda", "12.2");
        assertEquals(
                "__unix=0=0 __linux=6.1.0=0 __glibc=2.36=0 __cuda=12.2=0 __archspec=1=x86_64",
                describe(VirtualPackages.detect(Platform.LINUX_64, host, Map.of())));
    }

    @Test
    void overrideVariablesReplaceOrRemove() {
        Map<String, String> env = Map.of(
                "CONDA_OVERRIDE_GLIBC",
                "2.28",
                "CONDA_OVERRIDE_CUDA",
                "11.8",
                "CONDA_OVERRIDE_LINUX",
                "",
                "CONDA_OVERRIDE_ARCHSPEC",
                "skylake");
        assertEquals(
                "__unix=0=0 __glibc=2.28=0 __cuda=11.8=0 __archspec=1=skylake",
                describe(VirtualPackages.detect(Platform.LINUX_64, Map.of("cuda", "12.2"), env)));
        assertEquals(
                "__unix=0=0 __linux=5.10=0 __glibc=2.17=0",
                describe(VirtualPackages.detect(Platform.LINUX_64, Map.of(), Map.of("CONDA_OVERRIDE_ARCHSPEC", ""))));
        assertThrows(
                IllegalArgumentException.class,
                () -> VirtualPackages.detect(Platform.LINUX_64, Map.of(), Map.of("CONDA_OVERRIDE_GLIBC", "2..x!")));
    }

    @Test
    void explicitFormParsesAndOverridesDetection() {
        PackageRecord glibc = VirtualPackages.parse("__glibc=2.31", Platform.LINUX_64);
        PackageRecord archspec = VirtualPackages.parse("__archspec=1=zen2", Platform.LINUX_64);
        assertEquals("__glibc-2.31-0", glibc.dist());
        assertEquals("__archspec-1-zen2", archspec.dist());
        assertEquals(VirtualPackages.CHANNEL, glibc.channel());
        List<PackageRecord> merged = VirtualPackages.merge(
                VirtualPackages.detect(Platform.LINUX_64, Map.of(), Map.of()), List.of(glibc, archspec));
        assertEquals("__unix=0=0 __linux=5.10=0 __glibc=2.31=0 __archspec=1=zen2", describe(merged));
        for (String bad : List.of("glibc=2.17", "__glibc", "__glibc=", "__glibc=2.17=", "__=1")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> VirtualPackages.parse(bad, Platform.LINUX_64), bad);
            assertTrue(e.getMessage().contains("__name=version"), e.getMessage());
        }
    }
}
