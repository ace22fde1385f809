package io.terrarium.interfaces.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class YamlPreferenceTest {

    @Test
    void yamlIsChosenByFormatOrByAnAcceptHeaderThatNamesItBeforeJson() {
        assertTrue(YamlPreference.wantsYaml("yaml", null));
        assertTrue(YamlPreference.wantsYaml(null, "application/yaml"));
        assertTrue(YamlPreference.wantsYaml(null, "*/*, text/yaml;q=0.9"));
        assertTrue(YamlPreference.wantsYaml(null, "application/x-yaml, application/json"));
        assertFalse(YamlPreference.wantsYaml(null, null));
        assertFalse(YamlPreference.wantsYaml("json", "*/*"));
        assertFalse(YamlPreference.wantsYaml(null, "application/json, text/yaml"));
    }
}
