package io.terrarium.domain.model.specification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.lock.Lockfiles;
import io.terrarium.conda.types.PackageRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSpecificationTest {

    @Test
    void readsNameChannelsCondaAndPipDependencies() {
        EnvironmentSpecification spec = EnvironmentSpecification.parse("""
                name: demo
                channels:
                  - conda-forge
                dependencies:
                  - python=3.11
                  - pip:
                      - requests
                      - --index-url https://example.org/simple
                variables:
                  CONDA_OVERRIDE_CUDA: "11.8"
                """);
        assertEquals("demo", spec.name());
        assertEquals(List.of("conda-forge"), spec.channels());
        assertEquals(List.of("python=3.11"), spec.condaDependencies());
        assertEquals(List.of("requests", "--index-url https://example.org/simple"), spec.pipDependencies());
        assertEquals(Map.of("CONDA_OVERRIDE_CUDA", "11.8"), spec.variables());
        assertEquals("", spec.description());
        assertNull(spec.prefix());
    }

    /** What conda-store's UI posts when it saves an edited environment without variables. */
    @Test
    void anEmptyListOfVariablesIsNoVariables() {
        EnvironmentSpecification spec = EnvironmentSpecification.parse(
                "channels:\n- demo\ndependencies:\n- hello=1.0\nvariables: []\n\ndescription: \nname: demo\nprefix: null");
        assertNull(spec.variables());
        assertEquals(List.of("hello=1.0"), spec.condaDependencies());
        assertThrows(
                InvalidSpecificationException.class,
                () -> EnvironmentSpecification.parse("name: demo\ndependencies: [hello]\nvariables: [A]\n"));
    }

    @Test
    void invalidYamlNamesLineAndColumn() {
        InvalidSpecificationException e = assertThrows(
                InvalidSpecificationException.class,
                () -> EnvironmentSpecification.parse("name: demo\ndependencies: [numpy\n"));
        assertTrue(e.getMessage().startsWith("Unable to parse. Invalid YAML"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void rejectsBadNamesAndShapes() {
        assertMessage("specification has no 'name'", "channels: []");
        assertMessage("may only contain", "name: 'has space'");
        assertMessage("must not start with '.'", "name: ..");
        assertMessage("'dependencies' must be a list", "name: x\ndependencies: numpy");
        assertMessage("dependency 1 (3.8) must be a match spec string", "name: x\ndependencies: [3.8]");
        assertMessage("pip option '--no-deps' is not allowed", "name: x\ndependencies: [{pip: [--no-deps]}]");
        assertMessage("must be a mapping", "- just\n- a list");
        assertMessage("specification is empty", "  ");
    }

    @Test
    void lockfileNeedsVersionOneMetadataAndPackages() {
        String lock = """
                version: 1
                metadata: {channels: [], platforms: [linux-64], sources: [], content_hash: {}}
                package:
                  - {name: zlib, version: '1.2.13', manager: conda, platform: linux-64, url: 'file:///c/zlib.conda', hash: {md5: abc}}
                """;
        LockfileSpecification spec = LockfileSpecification.parse(lock, "locked", null);
        assertEquals("locked", spec.name());
        assertEquals(1L, spec.lockfile().get("version"));
        assertThrows(
                InvalidSpecificationException.class,
                () -> LockfileSpecification.parse(lock.replace("version: 1", "version: 2"), "locked", null));
        assertThrows(InvalidSpecificationException.class, () -> LockfileSpecification.parse(lock, null, null));
        assertThrows(
                InvalidSpecificationException.class,
                () -> LockfileSpecification.parse("version: 1\nmetadata: {}\n", "locked", null));
    }

    @Test
    void aStoredLockfileTreeReadsBackAsTheCondaLockYamlTheEngineInstalls() {
        String lock = """
                version: 1
                metadata: {channels: [], platforms: [linux-64], sources: [], content_hash: {}}
                package:
                  - {name: zlib, version: '1.2.13', manager: conda, platform: linux-64, url: 'file:///c/zlib-1.2.13-h0_0.conda', hash: {md5: 0123456789abcdef0123456789abcdef}}
                """;
        LockfileSpecification submitted = LockfileSpecification.parse(lock, "locked", null);
        Object storedTree = submitted.toTree().get("lockfile");
        LockfileSpecification stored = LockfileSpecification.fromTree(storedTree, "locked", null);
        assertEquals(submitted.toTree(), stored.toTree());
        Lockfiles.Locked locked = Lockfiles.parse(stored.yaml(), "the submitted lockfile", "linux-64", null, null);
        assertEquals(Lockfiles.Format.CONDA_LOCK, locked.format());
        assertEquals(
                List.of("zlib"),
                locked.conda().stream().map(PackageRecord::name).toList());
    }

    private static void assertMessage(String expectedPart, String yaml) {
        InvalidSpecificationException e =
                assertThrows(InvalidSpecificationException.class, () -> EnvironmentSpecification.parse(yaml));
        assertTrue(e.getMessage().contains(expectedPart), "'" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }
}
