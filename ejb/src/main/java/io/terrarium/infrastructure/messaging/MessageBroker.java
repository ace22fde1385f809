package io.terrarium.infrastructure.messaging;

import io.terrarium.infrastructure.config.TerrariumConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The JMS broker connection of this server: starts an embedded Artemis broker with a persistent journal under
 * the store directory, or connects to the external broker named by {@code terrarium.broker.url}.
 */
@Singleton
@Startup
public class MessageBroker {

    /** The anycast queue carrying the ids of builds to run. */
    public static final String BUILD_QUEUE = "terrarium.builds";
    /** Where build messages go after 10 failed deliveries. */
    public static final String DEAD_LETTERS = "terrarium.builds.dead";

    static final String IN_VM_URL = "vm://0";

    private static final Logger LOG = Logger.getLogger(MessageBroker.class.getName());

    @Inject
    TerrariumConfig config;

    private EmbeddedActiveMQ embedded;
    private ActiveMQConnectionFactory factory;

    @PostConstruct
    void start() {
        String url;
        if (config.embeddedBroker()) {
            embedded = new EmbeddedActiveMQ();
            embedded.setConfiguration(embeddedConfiguration(config.brokerDataDir()));
            try {
                embedded.start();
            } catch (Exception e) {
                throw new IllegalStateException(
                        "cannot start the embedded Artemis broker in " + config.brokerDataDir() + ": " + e.getMessage(),
                        e);
            }
            url = IN_VM_URL;
            LOG.info(() -> "embedded Artemis broker started, journal in " + config.brokerDataDir());
        } else {
            url = config.brokerUrl().orElseThrow();
            LOG.info(() -> "using the external Artemis broker at " + url);
        }
        factory = connectionFactory(url);
    }

    /**
     * A factory whose consumers prefetch nothing (a busy worker must not hold messages another worker could run)
     * and whose connections reconnect without end, backing off to one attempt every 30 s; a call made while the
     * connection is being re-established fails after 30 s instead of blocking its caller for the whole outage.
     */
    static ActiveMQConnectionFactory connectionFactory(String url) {
        ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url);
        f.setConsumerWindowSize(0);
        f.setReconnectAttempts(-1);
        f.setRetryInterval(1_000);
        f.setRetryIntervalMultiplier(2.0);
        f.setMaxRetryInterval(30_000);
        f.setCallFailoverTimeout(30_000);
        return f;
    }

    static Configuration embeddedConfiguration(Path dataDir) {
        Configuration cfg = new ConfigurationImpl()
                .setName("terrarium")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        try {
            cfg.addAcceptorConfiguration("in-vm", IN_VM_URL);
        } catch (Exception e) {
            throw new IllegalStateException("invalid in-VM acceptor " + IN_VM_URL, e);
        }
        cfg.addQueueConfiguration(QueueConfiguration.of(BUILD_QUEUE).setRoutingType(RoutingType.ANYCAST));
        // a message whose job cannot be started after 10 deliveries is parked, not dropped
        cfg.addQueueConfiguration(QueueConfiguration.of(DEAD_LETTERS).setRoutingType(RoutingType.ANYCAST));
        cfg.addAddressSetting(
                BUILD_QUEUE,
                new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(DEAD_LETTERS))
                        .setExpiryAddress(SimpleString.of(DEAD_LETTERS))
                        .setMaxDeliveryAttempts(10));
        return cfg;
    }

    /** @return a connection factory for the build queue's broker */
    @Lock(LockType.READ)
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @PreDestroy
    void stop() {
        if (factory != null) {
            factory.close();
        }
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (Exception e) {
                LOG.warning(() -> "embedded broker did not stop cleanly: " + e);
            }
        }
    }
}
