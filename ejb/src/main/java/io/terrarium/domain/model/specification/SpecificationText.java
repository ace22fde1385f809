package io.terrarium.domain.model.specification;

import io.terrarium.conda.yaml.YamlLimits;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the text of a submitted specification (YAML, of which JSON is a subset) into a plain tree of maps,
 * lists and scalars, turning parser errors into messages that name the line and column. Documents beyond
 * {@link YamlLimits} (nesting, aliases) are refused before they are built.
 */
public final class SpecificationText {

    /** Larger documents are refused before parsing: a real environment or lockfile is far smaller. */
    public static final int MAX_CHARS = 8 * 1024 * 1024;

    private SpecificationText() {}

    /** @return the parsed tree (a Map for a valid specification; the caller checks the shape) */
    public static Object parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSpecificationException("specification is empty");
        }
        if (text.length() > MAX_CHARS) {
            throw new InvalidSpecificationException(
                    "specification is " + text.length() + " characters long; the limit is " + MAX_CHARS);
        }
        LoadSettings settings = LoadSettings.builder()
                .setAllowDuplicateKeys(false)
                .setCodePointLimit(MAX_CHARS)
                .setLabel("specification")
                .build();
        try {
            YamlLimits.check(text, settings);
            return new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new InvalidSpecificationException("Unable to parse. Invalid YAML: " + oneLine(e.getMessage()), e);
        }
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.replaceAll("\\s*\\n\\s*", " ").replaceAll("\\s+\\^", "").trim();
    }
}
