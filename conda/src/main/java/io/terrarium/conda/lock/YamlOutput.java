package io.terrarium.conda.lock;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Dumps plain Java trees as block YAML in the style conda tools write (2-space indents, {@code - } items indented). */
final class YamlOutput {
    private static final DumpSettings SETTINGS = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(2)
            .setIndentWithIndicator(true)
            .setSplitLines(false)
            .setWidth(Integer.MAX_VALUE)
            .setSchema(new Yaml11SafeSchema())
            // shared objects (two empty lists) would otherwise come out as &id001 anchors and *id001 aliases
            .setDereferenceAliases(true)
            .build();

    private YamlOutput() {}

    static String dump(Object tree) {
        return new Dump(SETTINGS).dumpToString(tree);
    }
}
