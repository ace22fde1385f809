package io.terrarium.conda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.terrarium.conda.testing.CondaTestIndex;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.testing.PinnedChainChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code solve} subcommand's contract: exit codes 0/1/2, the table, the JSON shape, one-line errors. */
class SolveCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CondaCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    private static String channel1() {
        return CondaTestIndex.channel("channel-1").localPath().orElseThrow().toString();
    }

    @Test
    void printsATableOfTheSolution() {
        assertEquals(0, run("solve", "--channel", channel1(), "--platform", "linux-64", "numpy"), err.toString());
        String table = out.toString();
        assertTrue(table.startsWith("Name "), table);
        assertTrue(table.contains("numpy     1.7.1    py33_0"), table);
        assertTrue(table.endsWith("8 packages\n"), table);
        assertEquals("", err.toString());
    }

    @Test
    void printsJsonWithTheFieldsInstallersNeed() throws IOException {
        assertEquals(0, run("solve", "-c", channel1(), "--platform", "linux-64", "--json", "numpy"), err.toString());
        List<Map<String, Object>> records = parseArray(out.toString());
        assertEquals(8, records.size());
        Map<String, Object> numpy = records.get(records.size() - 1);
        assertEquals("numpy", numpy.get("name"), "dependents come last");
        assertEquals("1.7.1", numpy.get("version"));
        assertEquals("py33_0", numpy.get("build"));
        assertEquals(0L, ((Number) numpy.get("build_number")).longValue());
        assertEquals("linux-64", numpy.get("subdir"));
        assertEquals("numpy-1.7.1-py33_0.tar.bz2", numpy.get("fn"));
        assertTrue(((String) numpy.get("url")).endsWith("/channel-1/linux-64/numpy-1.7.1-py33_0.tar.bz2"));
        assertTrue(((String) numpy.get("channel")).endsWith("/channel-1"));
        assertTrue(numpy.containsKey("md5"));
        for (Map<String, Object> r : records) {
            for (String key : List.of("name", "version", "build", "build_number", "channel", "subdir", "fn", "url")) {
                assertTrue(r.containsKey(key), key + " missing in " + r);
            }
        }
    }

    @Test
    void unsatisfiableSpecsExitOneWithTheReasonOnStderr() {
        assertEquals(1, run("solve", "-c", channel1(), "--platform", "linux-64", "numpy 1.7.*", "python 2.5.*"));
        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith("nothing provides the requested `python 2.5.*`:"), err.toString());
        assertTrue(err.toString().contains("available versions of python"), err.toString());
    }

    @Test
    void conflictingSpecsNameTheChain() {
        assertEquals(1, run("solve", "-c", channel1(), "--platform", "linux-64", "numpy 1.7.1 py33_0", "python 2.7.*"));
        String e = err.toString();
        assertTrue(e.startsWith("cannot install both `numpy 1.7.1 py33_0` and `python 2.7.*` (requested):"), e);
        assertTrue(e.contains("numpy-1.7.1-py33_0 requires `python 3.3*`"), e);
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        assertEquals(2, run("solve", "-c", channel1(), "--platform", "linux-64", "numpy >>1"));
        assertOneErrorLine("invalid spec 'numpy >>1'");

        err.getBuffer().setLength(0);
        assertEquals(2, run("solve", "-c", "/nonexistent/channel/dir", "--platform", "linux-64", "numpy"));
        assertOneErrorLine("not found");

        err.getBuffer().setLength(0);
        assertEquals(2, run("solve", "-c", channel1(), "--platform", "nonsense", "numpy"));
        assertOneErrorLine("not a conda platform");

        err.getBuffer().setLength(0);
        assertEquals(2, run("solve", "-c", channel1(), "--virtual-package", "glibc", "numpy"));
        assertOneErrorLine("not a virtual package");

        err.getBuffer().setLength(0);
        assertEquals(2, run("solve", "numpy"));
        assertOneErrorLine("--channel");

        err.getBuffer().setLength(0);
        assertEquals(2, run("solve", "-c", channel1(), "--channel-priority", "sometimes", "numpy"));
        assertOneErrorLine("unknown channel priority");
        assertEquals("", out.toString());
    }

    @Test
    void virtualPackagesFromTheCommandLineAreUsed() {
        // a clearly missing virtual package makes the solve fail with a hint, the flag form makes it succeed
        assertEquals(
                0,
                run(
                        "solve",
                        "-c",
                        channel1(),
                        "--platform",
                        "linux-64",
                        "--virtual-package",
                        "__glibc=2.17",
                        "--virtual-package",
                        "__cuda=12.2",
                        "zlib"),
                err.toString());
    }

    @Test
    void aVirtualPackageConflictNamesTheHostValueTheChainAndTheOverride() {
        // conda's channel-1: cudatoolkit 10.0 depends on __cuda>=10.0; this target declares an older driver
        assertEquals(
                1,
                run(
                        "solve",
                        "-c",
                        channel1(),
                        "--platform",
                        "linux-64",
                        "--virtual-package",
                        "__cuda=9.2",
                        "cudatoolkit 10.0"));
        String e = err.toString();
        assertTrue(e.startsWith("cannot install `cudatoolkit 10.0` (requested):"), e);
        assertTrue(
                e.contains("`cudatoolkit 10.0` (requested) -> cudatoolkit-10.0-0 requires `__cuda>=10.0`, but the"
                        + " target system has `__cuda 9.2` (the CUDA version its driver supports)"),
                e);
        assertTrue(e.contains("declare it with --virtual-package __cuda=10.0 or CONDA_OVERRIDE_CUDA=10.0"), e);
        assertEquals("", out.toString());

        // the option the hint names makes it solve
        err.getBuffer().setLength(0);
        assertEquals(
                0,
                run(
                        "solve",
                        "-c",
                        channel1(),
                        "--platform",
                        "linux-64",
                        "--virtual-package",
                        "__cuda=10.0",
                        "cudatoolkit 10.0"),
                err.toString());
    }

    @Test
    void conflictsNoPairExplainsNameTheirConstraints(@TempDir Path tmp) throws IOException {
        FixtureChannel channel = FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.of("alpha", "1.0").depends("libx <3"))
                .add(PackageFixture.of("beta", "1.0").depends("libx >1"))
                .add(PackageFixture.of("gamma", "1.0").depends("libx !=2"))
                .add(PackageFixture.of("libx", "1.0"))
                .add(PackageFixture.of("libx", "2.0"))
                .add(PackageFixture.of("libx", "3.0"))
                .add(PackageFixture.of("app", "1.0").depends("libx 1.*", "plugin"))
                .add(PackageFixture.of("plugin", "1.0").depends("libx 2.*"))
                .add(PackageFixture.of("plugin", "2.0").depends("libx 3.*"))
                .index();
        String dir = channel.dir().toString();
        assertEquals(1, run("solve", "-c", dir, "--platform", "linux-64", "alpha", "beta", "gamma"));
        String joint = err.toString();
        assertTrue(joint.contains("no `libx` meets these 3 constraints together"), joint);
        for (String need : List.of(
                "alpha-1.0-0 requires `libx <3`", "beta-1.0-0 requires `libx >1`", "gamma-1.0-0 requires `libx !=2`")) {
            assertTrue(joint.contains(need), joint);
        }

        err.getBuffer().setLength(0);
        assertEquals(1, run("solve", "-c", dir, "--platform", "linux-64", "app"));
        String cross = err.toString();
        assertTrue(
                cross.contains("`app` (requested) -> app-1.0-0 requires `plugin`, but no `plugin` can be installed:"),
                cross);
        assertTrue(
                cross.contains("plugin-1.0-0 requires `libx 2.*`, each ruled out by `app` (requested)"
                        + " -> app-1.0-0 requires `libx 1.*`"),
                cross);
        assertFalse(cross.contains("no combination"), cross);
    }

    @Test
    void aConflictOnPinnedDependenciesIsExplainedOnAFewIndentedLines(@TempDir Path tmp) throws IOException {
        String dir = PinnedChainChannel.write(tmp.resolve("channel")).dir().toString();
        assertEquals(1, run("solve", "-c", dir, "--platform", "linux-64", "app"));
        List<String> lines = err.toString().lines().toList();
        assertEquals("cannot install `app` (requested):", lines.get(0));
        assertEquals("  - `app` (requested), but no `app` can be installed:", lines.get(1));
        // every further line belongs to that problem: indented below it, a reason or a step of a chain
        for (String line : lines.subList(2, lines.size())) {
            assertTrue(line.startsWith("    "), err.toString());
        }
        assertTrue(lines.size() <= 15 && err.toString().length() <= 1500, err.toString());
        for (String name : PinnedChainChannel.CHAIN) {
            assertTrue(err.toString().contains(" " + name + " "), name);
        }
        assertEquals("", out.toString());
    }

    private void assertOneErrorLine(String fragment) {
        String e = err.toString();
        assertTrue(e.startsWith("error: ") && e.contains(fragment), e);
        assertEquals(1, e.strip().lines().count(), e);
        assertFalse(e.contains("\tat "), "no stack trace: " + e);
    }

    private static List<Map<String, Object>> parseArray(String json) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.START_ARRAY) {
                        List<String> list = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            list.add(p.getText());
                        }
                        m.put(key, list);
                    } else if (t == JsonToken.VALUE_NUMBER_INT) {
                        m.put(key, p.getLongValue());
                    } else if (t == JsonToken.VALUE_NULL) {
                        m.put(key, null);
                    } else {
                        m.put(key, p.getText());
                    }
                }
                out.add(m);
            }
        }
        return out;
    }
}
