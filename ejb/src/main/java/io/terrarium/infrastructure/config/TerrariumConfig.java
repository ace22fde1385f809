package io.terrarium.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The deployment settings of a Terrarium server, read from MicroProfile Config (system properties,
 * environment variables such as {@code TERRARIUM_STORE_DIR}, {@code microprofile-config.properties}).
 *
 * <p>Empty values mean "use the embedded default": no database URL selects the embedded H2 file under the
 * store, no broker URL starts the embedded Artemis broker.
 */
@ApplicationScoped
public class TerrariumConfig {

    /** Root directory of environments, package cache, channels, logs and embedded data. */
    public static final String STORE_DIR = "terrarium.store.dir";
    /** JDBC URL of the PostgreSQL database; empty selects the embedded H2 database. */
    public static final String DB_URL = "terrarium.db.url";

    public static final String DB_USER = "terrarium.db.user";
    public static final String DB_PASSWORD = "terrarium.db.password";
    /** URL of an external Artemis broker ({@code tcp://host:61616}); empty starts the embedded broker. */
    public static final String BROKER_URL = "terrarium.broker.url";
    /** Base URL that bare channel names such as {@code conda-forge} expand against. */
    public static final String CHANNEL_ALIAS = "terrarium.channel.alias";
    /** Comma-separated channels a specification may use; empty allows every channel. */
    public static final String CHANNELS_ALLOWED = "terrarium.channels.allowed";
    /** Comma-separated channels used when a specification names none. */
    public static final String CHANNELS_DEFAULT = "terrarium.channels.default";
    /**
     * Test hook: extra job parameters for every build job, {@code key=value} pairs separated by commas (for
     * example {@code failAfterLinked=2} to make the link step fail on purpose). Never set in production.
     */
    public static final String TEST_JOB_PARAMETERS = "terrarium.test.job-parameters";
    /** Platform (conda subdir) builds are solved for. */
    public static final String PLATFORM = "terrarium.platform";
    /**
     * What this process does, comma-separated: {@code api} (serves the REST API and sends queued builds to the
     * broker), {@code worker} (takes builds from the queue and runs them); both by default.
     */
    public static final String WORKER_ROLES = "terrarium.worker.roles";
    /** How many builds this worker runs at once; the rest wait in the queue for any worker with a free slot. */
    public static final String WORKER_CONCURRENCY = "terrarium.worker.concurrency";
    /** The heap, in MiB, one solve may use before its build fails with how much it needed. */
    public static final String SOLVE_MEMORY_BUDGET_MB = "terrarium.solve.memory-budget-mb";

    /**
     * Which of conda-store's namespace role mappings give callers roles: {@code 1} (the default, as conda-store's
     * {@code role_mappings_version}) or {@code 2}.
     */
    public static final String ROLE_MAPPINGS_VERSION = "terrarium.auth.role-mappings-version";

    /**
     * {@code false} turns packages' link scripts (pre-link, post-link, pre-unlink) off: builds link the files and
     * log each skipped script as a warning. On by default, as in conda.
     */
    public static final String LINK_SCRIPTS_ENABLED = "terrarium.link-scripts.enabled";
    /** Seconds one link script may run before it is killed with all its processes and its build fails. */
    public static final String LINK_SCRIPTS_TIMEOUT_SECONDS = "terrarium.link-scripts.timeout-seconds";

    static final int DEFAULT_LINK_SCRIPT_TIMEOUT_SECONDS = 300;

    /** Most bytes one repodata download (or shard) may send, as declared and as read. */
    public static final String REPODATA_MAX_DOWNLOAD_BYTES = "terrarium.repodata.max-download-bytes";
    /** Most bytes a subdir's repodata may have decompressed ({@code .zst}/{@code .bz2} bombs stop here). */
    public static final String REPODATA_MAX_DECOMPRESSED_BYTES = "terrarium.repodata.max-decompressed-bytes";
    /** Most bytes one package archive may have, as its record and the server declare it and as downloaded. */
    public static final String PACKAGE_MAX_BYTES = "terrarium.package.max-bytes";

    /** The {@link #WORKER_ROLES} value that serves the REST API. */
    public static final String ROLE_API = "api";
    /** The {@link #WORKER_ROLES} value that runs builds. */
    public static final String ROLE_WORKER = "worker";
    /** What the server itself keeps on the heap beside the solves (measured by bench/worker, rounded up). */
    static final long SERVER_HEAP_MB = 150;

    static final long MIN_SOLVE_BUDGET_MB = 64;

    static final String DEFAULT_STORE_DIR = "./terrarium-store";
    static final String DEFAULT_CHANNEL_ALIAS = "https://conda.anaconda.org";
    /** The demo channel shipped with Terrarium, installed under {@code <store>/channels/demo} at startup. */
    public static final String DEMO_CHANNEL = "demo";

    private Config config() {
        return ConfigProvider.getConfig(TerrariumConfig.class.getClassLoader());
    }

    private Optional<String> text(String key) {
        return config().getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    private List<String> list(String key, String fallback) {
        String raw = text(key).orElse(fallback);
        return Arrays.stream(raw.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** @return the absolute, normalised store directory */
    public Path storeDir() {
        return Path.of(text(STORE_DIR).orElse(DEFAULT_STORE_DIR))
                .toAbsolutePath()
                .normalize();
    }

    /** @return the package cache shared by all builds */
    public Path packageCacheDir() {
        return storeDir().resolve("pkgs");
    }

    /** @return the directory holding local channels, one sub-directory per channel name */
    public Path localChannelsDir() {
        return storeDir().resolve("channels");
    }

    /** @return the directory holding the embedded broker's journal */
    public Path brokerDataDir() {
        return storeDir().resolve("broker");
    }

    public Optional<String> databaseUrl() {
        return text(DB_URL);
    }

    public Optional<String> databaseUser() {
        return text(DB_USER);
    }

    public Optional<String> databasePassword() {
        return text(DB_PASSWORD);
    }

    public Optional<String> brokerUrl() {
        return text(BROKER_URL);
    }

    /** @return true when this server must start its own Artemis broker */
    public boolean embeddedBroker() {
        return brokerUrl().isEmpty();
    }

    public String channelAlias() {
        String alias = text(CHANNEL_ALIAS).orElse(DEFAULT_CHANNEL_ALIAS);
        return alias.endsWith("/") ? alias.substring(0, alias.length() - 1) : alias;
    }

    /** @return channels a specification may use; empty means all */
    public List<String> allowedChannels() {
        return list(CHANNELS_ALLOWED, "");
    }

    /** @return channels used when a specification names none */
    public List<String> defaultChannels() {
        return list(CHANNELS_DEFAULT, DEMO_CHANNEL);
    }

    /** @return the {@link #TEST_JOB_PARAMETERS} pairs; empty in production */
    public java.util.Properties testJobParameters() {
        java.util.Properties p = new java.util.Properties();
        for (String pair : list(TEST_JOB_PARAMETERS, "")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(TEST_JOB_PARAMETERS + ": '" + pair + "' is not key=value");
            }
            p.setProperty(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return p;
    }

    /**
     * @return this process's roles, {@link #ROLE_API} and/or {@link #ROLE_WORKER}, in that order
     * @throws IllegalArgumentException naming {@link #WORKER_ROLES} when a value is neither
     */
    public List<String> workerRoles() {
        return parseRoles(text(WORKER_ROLES).orElse(ROLE_API + "," + ROLE_WORKER));
    }

    /** @return true when this process takes builds from the queue and runs them */
    public boolean runsBuilds() {
        return workerRoles().contains(ROLE_WORKER);
    }

    /** @return how many builds this worker runs at once: {@link #WORKER_CONCURRENCY}, by default one per 2 cores */
    public int workerConcurrency() {
        Optional<String> raw = text(WORKER_CONCURRENCY);
        if (raw.isEmpty()) {
            return defaultConcurrency(Runtime.getRuntime().availableProcessors());
        }
        return positive(WORKER_CONCURRENCY, raw.get());
    }

    /**
     * @return the heap one solve may use, in MiB: {@link #SOLVE_MEMORY_BUDGET_MB}, by default 60% of the maximum
     *         heap less what the server needs, shared by the builds that may solve at once
     */
    public long solveMemoryBudgetMb() {
        Optional<String> raw = text(SOLVE_MEMORY_BUDGET_MB);
        if (raw.isEmpty()) {
            return defaultSolveBudgetMb(Runtime.getRuntime().maxMemory(), workerConcurrency());
        }
        return positive(SOLVE_MEMORY_BUDGET_MB, raw.get());
    }

    /**
     * @return 1 or 2, see {@link #ROLE_MAPPINGS_VERSION}
     * @throws IllegalArgumentException naming {@link #ROLE_MAPPINGS_VERSION} when the value is neither
     */
    public int roleMappingsVersion() {
        return parseRoleMappingsVersion(text(ROLE_MAPPINGS_VERSION).orElse("1"));
    }

    static int parseRoleMappingsVersion(String raw) {
        return switch (raw) {
            case "1" -> 1;
            case "2" -> 2;
            default ->
                throw new IllegalArgumentException(
                        ROLE_MAPPINGS_VERSION + ": '" + raw + "' is not a role mappings version; use 1 or 2");
        };
    }

    static List<String> parseRoles(String raw) {
        List<String> given = Arrays.stream(raw.split(","))
                .map(s -> s.trim().toLowerCase(java.util.Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
        for (String role : given) {
            if (!role.equals(ROLE_API) && !role.equals(ROLE_WORKER)) {
                throw new IllegalArgumentException(WORKER_ROLES + ": '" + role + "' is not a role; use " + ROLE_API
                        + ", " + ROLE_WORKER + " or both (" + ROLE_API + "," + ROLE_WORKER + ")");
            }
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException(WORKER_ROLES + " is empty; use " + ROLE_API + ", " + ROLE_WORKER
                    + " or both (" + ROLE_API + "," + ROLE_WORKER + ")");
        }
        return List.of(ROLE_API, ROLE_WORKER).stream().filter(given::contains).toList();
    }

    static int defaultConcurrency(int cores) {
        return Math.max(1, cores / 2);
    }

    static long defaultSolveBudgetMb(long maxHeapBytes, int concurrency) {
        long heapMb = maxHeapBytes / (1024 * 1024);
        long shared = (long) (heapMb * 0.6) - SERVER_HEAP_MB;
        return Math.max(MIN_SOLVE_BUDGET_MB, shared / Math.max(1, concurrency));
    }

    private static int positive(String key, String raw) {
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw new IllegalArgumentException(key + ": '" + raw + "' is not a whole number of at least 1");
    }

    /** @return false when {@link #LINK_SCRIPTS_ENABLED} turns packages' link scripts off */
    public boolean linkScriptsEnabled() {
        return text(LINK_SCRIPTS_ENABLED)
                .map(v -> parseBoolean(LINK_SCRIPTS_ENABLED, v))
                .orElse(true);
    }

    /** @return how long one link script may run: {@link #LINK_SCRIPTS_TIMEOUT_SECONDS}, 300 s by default */
    public java.time.Duration linkScriptTimeout() {
        return java.time.Duration.ofSeconds(text(LINK_SCRIPTS_TIMEOUT_SECONDS)
                .map(v -> positive(LINK_SCRIPTS_TIMEOUT_SECONDS, v))
                .orElse(DEFAULT_LINK_SCRIPT_TIMEOUT_SECONDS));
    }

    /** @return {@link #REPODATA_MAX_DOWNLOAD_BYTES}, by default 1 GiB (conda-forge's plain repodata is ~300 MB) */
    public long repodataMaxDownloadBytes() {
        return bytes(REPODATA_MAX_DOWNLOAD_BYTES, 1L << 30);
    }

    /** @return {@link #REPODATA_MAX_DECOMPRESSED_BYTES}, by default 1 GiB */
    public long repodataMaxDecompressedBytes() {
        return bytes(REPODATA_MAX_DECOMPRESSED_BYTES, 1L << 30);
    }

    /** @return {@link #PACKAGE_MAX_BYTES}, by default 20 GiB (the largest CUDA packages are a few GB) */
    public long packageMaxBytes() {
        return bytes(PACKAGE_MAX_BYTES, 20L << 30);
    }

    private long bytes(String key, long fallback) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(raw.get());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw new IllegalArgumentException(key + ": '" + raw.get() + "' is not a whole number of bytes of at least 1");
    }

    static boolean parseBoolean(String key, String raw) {
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(key + ": '" + raw + "' is neither true nor false");
        };
    }

    /** @return the conda subdir builds target, by default the one this server runs on */
    public String platform() {
        return text(PLATFORM).orElseGet(TerrariumConfig::hostPlatform);
    }

    static String hostPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase();
        String arch = System.getProperty("os.arch", "");
        String osPart = os.contains("mac") ? "osx" : os.contains("win") ? "win" : "linux";
        String archPart = switch (arch) {
            case "aarch64", "arm64" -> osPart.equals("linux") ? "aarch64" : "arm64";
            case "ppc64le" -> "ppc64le";
            default -> "64";
        };
        return osPart + "-" + archPart;
    }
}
