package io.terrarium.conda.yaml;

import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** A YAML document goes beyond one of {@link YamlLimits}; callers report it as they report invalid YAML. */
public class YamlLimitException extends YamlEngineException {
    private static final long serialVersionUID = 1L;

    public YamlLimitException(String message) {
        super(message);
    }
}
