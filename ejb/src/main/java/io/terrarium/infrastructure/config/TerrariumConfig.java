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
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** @return the absolute, normalised store directory */
    public Path storeDir() {
        return Path.of(text(STORE_DIR).orElse(DEFAULT_STORE_DIR)).toAbsolutePath().normalize();
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
