package io.terrarium.conda.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSpecTest {
    private static EnvironmentSpecException error(String yaml) {
        return assertThrows(EnvironmentSpecException.class, () -> EnvironmentSpec.parse(yaml));
    }

    @Test
    void fullFile() {
        EnvironmentSpec s = EnvironmentSpec.parse("""
                name: data-science
                channels:
                  - conda-forge
                  - nodefaults
                dependencies:
                  - python=3.11
                  - numpy >=1.26
                  - conda-forge::pandas
                  - pip
                  - pip:
                    - requests>=2
                    - -e .
                variables:
                  OMP_NUM_THREADS: 4
                  MODE: "fast"
                prefix: /opt/envs/ds
                """);
        assertEquals("data-science", s.name());
        assertEquals(List.of("conda-forge", "nodefaults"), s.channels());
        assertEquals(List.of("conda-forge"), s.solverChannels());
        assertTrue(s.hasNodefaults());
        assertEquals(List.of("python=3.11", "numpy >=1.26", "conda-forge::pandas", "pip"), s.dependencies());
        assertEquals(List.of("requests>=2", "-e ."), s.pipDependencies());
        assertEquals(Map.of("OMP_NUM_THREADS", "4", "MODE", "fast"), s.variables());
        assertEquals(
                List.of("OMP_NUM_THREADS", "MODE"), List.copyOf(s.variables().keySet()), "file order kept");
        assertEquals("/opt/envs/ds", s.prefix());
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void minimalAndEmptySections() {
        EnvironmentSpec s = EnvironmentSpec.parse("dependencies: [zlib]\n");
        assertNull(s.name());
        assertNull(s.prefix());
        assertEquals(List.of(), s.channels());
        assertEquals(List.of("zlib"), s.dependencies());
        assertFalse(s.hasNodefaults());
        EnvironmentSpec empty = EnvironmentSpec.parse("name: x\nchannels:\ndependencies:\nvariables:\n");
        assertEquals(List.of(), empty.dependencies());
        assertEquals(Map.of(), empty.variables());
    }

    @Test
    void jsonIsAccepted() {
        EnvironmentSpec s = EnvironmentSpec.parse("""
                {"name": "demo", "channels": ["file:///srv/demo-channel"],
                 "dependencies": ["small-executable", {"pip": ["rich"]}], "variables": {"A": "1"}}""");
        assertEquals("demo", s.name());
        assertEquals(List.of("file:///srv/demo-channel"), s.channels());
        assertEquals(List.of("pip", "small-executable"), s.dependencies());
        assertEquals(List.of("rich"), s.pipDependencies());
        assertEquals(Map.of("A", "1"), s.variables());
    }

    @Test
    void pipIsAddedWhenOnlyThePipSectionIsGiven() {
        EnvironmentSpec s = EnvironmentSpec.parse("""
                dependencies:
                  - python
                  - pip:
                      - requests
                """);
        assertEquals(List.of("pip", "python"), s.dependencies());
        assertEquals(1, s.warnings().size());
        assertTrue(s.warnings().get(0).contains("added 'pip'"));
        EnvironmentSpec withPip = EnvironmentSpec.parse("""
                dependencies:
                  - conda-forge::pip >=23
                  - pip:
                      - requests
                """);
        assertEquals(List.of("conda-forge::pip >=23"), withPip.dependencies());
    }

    @Test
    void unknownTopLevelKeysAreDroppedWithAWarning() {
        EnvironmentSpec s = EnvironmentSpec.parse("""
                name: x
                platforms: [linux-64]
                dependencies: [zlib]
                """);
        assertEquals(
                List.of("line 2, column 1: unknown key 'platforms' ignored (known keys: name, channels, "
                        + "dependencies, variables, prefix)"),
                s.warnings());
    }

    @Test
    void dependenciesNotAList() {
        EnvironmentSpecException e = error("""
                name: x
                dependencies:
                  python: 3
                """);
        assertEquals("line 3, column 3: dependencies must be a list of strings, found a mapping", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void nestedListInDependencies() {
        EnvironmentSpecException e = error("""
                name: x
                channels: [conda-forge]
                dependencies:
                  - python
                  - [numpy, scipy]
                """);
        assertEquals(
                "line 5, column 5: dependencies must be a list of strings (and an optional pip: list), found a list",
                e.getMessage());
    }

    @Test
    void unknownDependencySection() {
        EnvironmentSpecException e = error("""
                dependencies:
                  - python
                  - npm:
                      - left-pad
                """);
        assertEquals("line 3, column 5: unknown dependency section 'npm' (only 'pip' is allowed)", e.getMessage());
    }

    @Test
    void dependenciesAreValidatedAsMatchSpecs() {
        EnvironmentSpecException e = error("""
                name: x
                dependencies:
                  - python
                  - numpy >>1
                """);
        assertTrue(e.getMessage().startsWith("line 4, column 5: invalid match spec 'numpy >>1': "), e.getMessage());
        assertEquals(4, e.line());
    }

    @Test
    void emptyDependencyEntry() {
        assertEquals(
                "line 3, column 4: dependencies must be a list of strings (and an optional pip: list), found an empty value",
                error("dependencies:\n  - python\n  -\n").getMessage());
    }

    @Test
    void channelsMustBeStrings() {
        assertEquals(
                "line 1, column 11: channels must be a list of channel names or URLs, found 'conda-forge'",
                error("channels: conda-forge\ndependencies: [x]\n").getMessage());
        assertEquals(
                "line 3, column 5: channels must be a list of channel names or URLs, found a mapping",
                error("channels:\n  - conda-forge\n  - url: x\n").getMessage());
    }

    @Test
    void badNames() {
        assertEquals(
                "line 1, column 7: name 'my env' must not contain ' ' (no '/', ' ', ':' or '#')",
                error("name: my env\ndependencies: []\n").getMessage());
        assertEquals(
                "line 1, column 7: name must be a string, found a list",
                error("name: [a]\ndependencies: []\n").getMessage());
        assertEquals(
                "line 1, column 7: name 'a/b' must not contain '/' (no '/', ' ', ':' or '#')",
                error("name: a/b\n").getMessage());
    }

    @Test
    void variablesMustBeAMappingOfScalars() {
        assertEquals(
                "line 2, column 3: variables must be a mapping of names to values, found a list",
                error("variables:\n  - A=1\n").getMessage());
        assertEquals(
                "line 2, column 6: variable 'A' must have a string value, found a list",
                error("variables:\n  A: [1]\n").getMessage());
        assertEquals(
                "line 2, column 5: variable 'A' has no value",
                error("variables:\n  A:\n").getMessage());
    }

    @Test
    void duplicateKeys() {
        assertEquals(
                "line 3, column 1: duplicate key 'name'",
                error("name: a\ndependencies: []\nname: b\n").getMessage());
    }

    @Test
    void syntaxErrorsNameTheLine() {
        EnvironmentSpecException e = error("""
                name: x
                dependencies:
                  - python
                 - numpy
                """);
        assertTrue(e.getMessage().startsWith("line 4, column 2: invalid YAML: "), e.getMessage());
        EnvironmentSpecException unclosed = error("{\"name\": \"x\", \"dependencies\": [\"a\"\n");
        assertTrue(unclosed.getMessage().startsWith("line 2, column 1: invalid YAML: "), unclosed.getMessage());
        EnvironmentSpecException tab = error("name: x\ndependencies:\n\t- python\n");
        assertTrue(tab.getMessage().startsWith("line 3, column 1: invalid YAML: "), tab.getMessage());
    }

    @Test
    void notAMappingOrEmpty() {
        assertEquals(
                "line 1, column 1: an environment file must be a mapping with keys such as name, channels and "
                        + "dependencies, found a list",
                error("- python\n- numpy\n").getMessage());
        assertEquals(
                "the environment file is empty (expected keys such as name, channels and dependencies)",
                error("").getMessage());
        assertEquals(
                "the environment file is empty (expected keys such as name, channels and dependencies)",
                error("# only a comment\n").getMessage());
        assertEquals(0, error("").line());
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            y.append("]\n");
            prev = c;
        }
        y.append("dependencies: *j\n");
        EnvironmentSpecException e = error(y.toString());
        assertTrue(e.getMessage().contains("invalid YAML"), e.getMessage());
    }

    @Test
    void toYamlIsNormalisedAndRoundTrips() {
        EnvironmentSpec s = EnvironmentSpec.parse("""
                {"prefix": "/p", "dependencies": ["numpy >=1.26", {"pip": ["requests"]}, "pip", "*"],
                 "name": "x", "variables": {"A": "yes"}, "channels": ["conda-forge"]}""");
        String yaml = s.toYaml();
        assertEquals("""
                name: x
                channels:
                  - conda-forge
                dependencies:
                  - numpy >=1.26
                  - pip
                  - '*'
                  - pip:
                      - requests
                variables:
                  A: yes
                prefix: /p
                """, yaml);
        assertEquals(s, EnvironmentSpec.parse(yaml));
        EnvironmentSpec built = EnvironmentSpec.builder()
                .name("e")
                .dependencies(List.of("python=3.12"))
                .build();
        assertEquals("name: e\ndependencies:\n  - python=3.12\n", built.toYaml());
        assertEquals(built, EnvironmentSpec.parse(built.toYaml()));
    }

    @Test
    void specNameSkipsChannelAndVersion() {
        assertEquals("pip", EnvironmentSpec.specName("conda-forge::pip>=23"));
        assertEquals("numpy", EnvironmentSpec.specName("numpy[version='>=1']"));
        assertEquals("python", EnvironmentSpec.specName(" python 3.11.* "));
    }
}
