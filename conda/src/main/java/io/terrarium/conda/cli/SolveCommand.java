package io.terrarium.conda.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.terrarium.conda.repodata.Channel;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.solve.ChannelPriority;
import io.terrarium.conda.solve.SolveRequest;
import io.terrarium.conda.solve.SolveResult;
import io.terrarium.conda.solve.Solver;
import io.terrarium.conda.solve.VirtualPackages;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code solve --channel C [--channel ...] [--platform P] [--virtual-package __x=1] [--json] SPEC...}: prints the
 * records a solve picks (a table, or JSON for scripts), or explains on stderr why the specs cannot be satisfied.
 */
@Command(
        name = "solve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Solve match specs over channels and print the chosen records, dependencies first.",
            "Exit 0 when solved, 1 when unsatisfiable (the reason on stderr), 2 on bad input."
        })
public final class SolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-c", "--channel"},
            required = true,
            paramLabel = "CHANNEL",
            description = "Channel directory, file:// or http(s):// URL, or name (through the channel alias);"
                    + " repeatable, highest priority first.")
    List<String> channels = new ArrayList<>();

    @Option(
            names = "--platform",
            paramLabel = "SUBDIR",
            description = "Target platform, e.g. linux-64 (default: this machine's).")
    String platform;

    @Option(
            names = "--virtual-package",
            paramLabel = "__NAME=VERSION[=BUILD]",
            description = "Virtual package the target provides, overriding detection (repeatable), e.g. __glibc=2.17.")
    List<String> virtualPackages = new ArrayList<>();

    @Option(
            names = "--channel-priority",
            paramLabel = "MODE",
            defaultValue = "strict",
            description = "strict (default), flexible or disabled.")
    String channelPriority;

    @Option(
            names = "--pin",
            paramLabel = "SPEC",
            description = "Hard constraint on a package if it is installed (repeatable).")
    List<String> pins = new ArrayList<>();

    @Option(
            names = "--exclude-newer",
            paramLabel = "DATE",
            description = "Ignore records built after this instant (2024-05-01 or 2024-05-01T12:00:00Z).")
    String excludeNewer;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "Give up after this long (default 120).")
    long timeoutSeconds;

    @Option(names = "--json", description = "Print a JSON array of records instead of a table.")
    boolean json;

    @Parameters(paramLabel = "SPEC", arity = "1..*", description = "Match specs, e.g. 'numpy >=1.20' python=3.11.")
    List<String> specs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        // parse everything first: bad input is reported before any channel is fetched
        Platform target = CommandSupport.platform(platform);
        List<MatchSpec> parsedSpecs = parseSpecs(specs, "spec");
        List<MatchSpec> parsedPins = parseSpecs(pins, "pin");
        List<PackageRecord> explicit = new ArrayList<>();
        for (String v : virtualPackages) {
            explicit.add(VirtualPackages.parse(v, target));
        }
        ChannelPriority priority = ChannelPriority.parse(channelPriority);
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be positive, got " + timeoutSeconds);
        }
        Instant newest = excludeNewer == null ? null : parseInstant(excludeNewer);
        ChannelConfig config = ChannelConfig.defaults();
        List<Channel> parsedChannels = new ArrayList<>();
        for (String c : channels) {
            parsedChannels.addAll(Channel.parseAll(c, config));
        }

        RepoIndex index = RepoIndex.load(parsedChannels, target, config);
        SolveRequest request = SolveRequest.builder(index)
                .specs(parsedSpecs)
                .pinned(parsedPins)
                .virtualPackages(VirtualPackages.merge(VirtualPackages.detect(target), explicit))
                .channelPriority(priority)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .excludeNewer(newest)
                .build();
        SolveResult result = new Solver().solve(request);

        Map<String, String> channelNames = new HashMap<>();
        for (Channel c : parsedChannels) {
            channelNames.putIfAbsent(c.url(), c.name());
        }
        PrintWriter out = spec.commandLine().getOut();
        // render fully before printing, so that a failure never leaves half an answer on stdout
        out.print(json ? toJson(result.records()) : toTable(result.records(), channelNames));
        out.flush();
        return CondaCli.OK;
    }

    private static List<MatchSpec> parseSpecs(List<String> texts, String what) {
        List<MatchSpec> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(MatchSpec.parse(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "invalid " + what + " '" + t + "': " + CliErrors.oneLine(e.getMessage()), e);
            }
        }
        return out;
    }

    private static Instant parseInstant(String text) {
        try {
            return text.contains("T")
                    ? Instant.parse(text)
                    : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "invalid --exclude-newer '" + text + "' (expected 2024-05-01 or 2024-05-01T12:00:00Z)");
        }
    }

    static String toTable(List<PackageRecord> records, Map<String, String> channelNames) {
        String[] head = {"Name", "Version", "Build", "Channel"};
        List<String[]> rows = new ArrayList<>();
        for (PackageRecord r : records) {
            String channel = r.channel() == null ? "" : channelNames.getOrDefault(r.channel(), r.channel());
            rows.add(new String[] {r.name(), r.versionText(), r.build(), channel});
        }
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, head, width);
        String[] rule = new String[head.length];
        for (int i = 0; i < head.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        appendRow(sb, rule, width);
        for (String[] row : rows) {
            appendRow(sb, row, width);
        }
        sb.append(records.size()).append(records.size() == 1 ? " package\n" : " packages\n");
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(cells[i]);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(width[i] - cells[i].length()));
            }
        }
        sb.append('\n');
    }

    /** The records as a JSON array, one object per record with the fields lockfiles and installers need. */
    static String toJson(List<PackageRecord> records) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (PackageRecord r : records) {
                g.writeStartObject();
                g.writeStringField("name", r.name());
                g.writeStringField("version", r.versionText());
                g.writeStringField("build", r.build());
                g.writeNumberField("build_number", r.buildNumber());
                writeNullable(g, "channel", r.channel());
                writeNullable(g, "subdir", r.subdir());
                writeNullable(g, "fn", r.fn());
                writeNullable(g, "url", r.url());
                if (r.md5() != null) {
                    g.writeStringField("md5", r.md5());
                }
                if (r.sha256() != null) {
                    g.writeStringField("sha256", r.sha256());
                }
                if (r.size() >= 0) {
                    g.writeNumberField("size", r.size());
                }
                if (r.timestamp() > 0) {
                    g.writeNumberField("timestamp", r.timestamp());
                }
                if (r.noarch() != null) {
                    g.writeStringField("noarch", r.noarch());
                }
                if (r.license() != null) {
                    g.writeStringField("license", r.license());
                }
                writeList(g, "depends", r.depends());
                if (!r.constrains().isEmpty()) {
                    writeList(g, "constrains", r.constrains());
                }
                if (!r.trackFeatures().isEmpty()) {
                    writeList(g, "track_features", r.trackFeatures());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return w.append('\n').toString();
    }

    private static void writeNullable(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }

    private static void writeList(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
