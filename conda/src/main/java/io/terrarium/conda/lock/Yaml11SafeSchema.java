package io.terrarium.conda.lock;

import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * A dump schema that quotes every string a YAML 1.1 reader (PyYAML, which conda and conda-lock use) would read as
 * something else: {@code 1_0} is an int there, {@code yes} a boolean, {@code 1:20} sexagesimal, {@code 2022-01-02} a
 * date. Versions and build strings written by us must come back as the same strings in Python.
 */
final class Yaml11SafeSchema implements Schema {
    private static final Pattern BOOL =
            Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern INT = Pattern.compile(
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern FLOAT =
            Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
                    + "|-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?");
    private static final Pattern OTHER =
            Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \\t]+)[0-9].*)?|<<|=");
    private static final Tag OTHER_TAG = new Tag("tag:yaml.org,2002:timestamp");

    private final JsonSchema json = new JsonSchema();

    private final ScalarResolver resolver = new ScalarResolver() {
        private final ScalarResolver jsonResolver = new JsonScalarResolver();

        @Override
        public Tag resolve(String value, Boolean implicit) {
            if (!implicit) {
                return Tag.STR;
            }
            if (NULL.matcher(value).matches()) {
                return Tag.NULL;
            }
            if (BOOL.matcher(value).matches()) {
                return Tag.BOOL;
            }
            if (INT.matcher(value).matches()) {
                return Tag.INT;
            }
            if (FLOAT.matcher(value).matches()) {
                return Tag.FLOAT;
            }
            if (OTHER.matcher(value).matches()) {
                return OTHER_TAG;
            }
            return jsonResolver.resolve(value, true);
        }
    };

    @Override
    public ScalarResolver getScalarResolver() {
        return resolver;
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
        return json.getSchemaTagConstructors();
    }
}
