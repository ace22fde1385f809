package io.terrarium.conda.yaml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Checks a YAML text against limits on nesting depth, alias count and alias expansion by walking the parser's
 * events, before anything composes it: snakeyaml-engine's composer recurses once per nesting level (thousands of
 * {@code [} overflow the stack), and an alias shares its anchored node, so a small document of nested aliases
 * (the "billion laughs") becomes billions of nodes for every reader that walks the tree.
 *
 * <p>The expansion is counted exactly: each node's size (itself plus its children, aliases counted at the size of
 * what they point to) is known when it ends, and an alias adds its anchor's size to the document.
 */
public final class YamlLimits {

    /** Deeper than any environment file or lockfile (they nest five levels or so). */
    public static final int MAX_DEPTH = 64;
    /** Aliases in one document: real environment files and lockfiles use none or a handful. */
    public static final int MAX_ALIASES = 100;
    /** Nodes that aliases may add to a document in all (the copies they stand for). */
    public static final long MAX_ALIAS_EXPANSION = 100_000;

    private YamlLimits() {}

    /**
     * @param settings the settings the caller composes with (label, code point limit)
     * @throws YamlLimitException when the text goes beyond a limit
     * @throws org.snakeyaml.engine.v2.exceptions.YamlEngineException when it is not valid YAML
     */
    public static void check(String text, LoadSettings settings) {
        Deque<long[]> open = new ArrayDeque<>(); // per open collection: nodes so far, including itself
        Deque<String> anchors = new ArrayDeque<>(); // anchor of each open collection, "" for none
        Map<String, Long> anchoredSize = new HashMap<>();
        int aliases = 0;
        long expansion = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            switch (event.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new YamlLimitException(
                                "the document nests deeper than " + MAX_DEPTH + " levels" + at(event));
                    }
                    open.push(new long[] {1});
                    anchors.push(anchorOf(event));
                }
                case SequenceEnd, MappingEnd -> {
                    long size = open.pop()[0];
                    String anchor = anchors.pop();
                    if (!anchor.isEmpty()) {
                        anchoredSize.put(anchor, size);
                    }
                    add(open, size);
                }
                case Scalar -> {
                    String anchor = anchorOf(event);
                    if (!anchor.isEmpty()) {
                        anchoredSize.put(anchor, 1L);
                    }
                    add(open, 1);
                }
                case Alias -> {
                    aliases++;
                    if (aliases > MAX_ALIASES) {
                        throw new YamlLimitException("the document uses more than " + MAX_ALIASES + " aliases");
                    }
                    String anchor = ((AliasEvent) event).getAlias().getValue();
                    long size = anchoredSize.getOrDefault(anchor, 1L);
                    expansion += size;
                    if (expansion > MAX_ALIAS_EXPANSION) {
                        throw new YamlLimitException("aliases expand the document beyond " + MAX_ALIAS_EXPANSION
                                + " nodes (alias *" + anchor + at(event) + ")");
                    }
                    add(open, size);
                }
                default -> {
                    // stream and document events carry no nodes
                }
            }
        }
    }

    private static void add(Deque<long[]> open, long size) {
        long[] parent = open.peek();
        if (parent != null) {
            parent[0] = Math.min(Long.MAX_VALUE / 2, parent[0] + size);
        }
    }

    private static String anchorOf(Event event) {
        return event instanceof NodeEvent n
                ? n.getAnchor().map(a -> a.getValue()).orElse("")
                : "";
    }

    private static String at(Event event) {
        return event.getStartMark()
                .map(Mark::getLine)
                .map(line -> " at line " + (line + 1))
                .orElse("");
    }
}
