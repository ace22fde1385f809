package io.terrarium.infrastructure.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer side of the build queue leaves messages it is not running to the other workers. */
class MessageBrokerTest {

    @TempDir
    Path dir;

    @Test
    void consumersPrefetchNothingAndConnectionsReconnectForever() {
        ActiveMQConnectionFactory f = MessageBroker.connectionFactory(MessageBroker.IN_VM_URL);
        assertEquals(0, f.getConsumerWindowSize());
        assertEquals(-1, f.getReconnectAttempts());
        f.close();
    }

    @Test
    void aBusyWorkerDoesNotHoldTheMessagesAnotherWorkerCouldRun() throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(MessageBroker.embeddedConfiguration(dir));
        broker.start();
        ActiveMQConnectionFactory factory = MessageBroker.connectionFactory(MessageBroker.IN_VM_URL);
        try (JMSContext producer = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSContext busy = factory.createContext(JMSContext.SESSION_TRANSACTED);
                JMSContext idle = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = producer.createQueue(MessageBroker.BUILD_QUEUE);
            JMSConsumer busyConsumer = busy.createConsumer(queue);
            JMSConsumer idleConsumer = idle.createConsumer(queue);
            for (int i = 1; i <= 3; i++) {
                producer.createProducer().send(queue, BuildMessages.encode(i));
            }
            Message first = busyConsumer.receive(5_000);
            assertNotNull(first, "the first worker takes one build");
            // it keeps running that build (no commit yet): the other two must go to the idle worker
            assertEquals("2", receiveText(idleConsumer));
            assertEquals("3", receiveText(idleConsumer));
            idle.commit();
            busy.commit();
            assertNull(busyConsumer.receive(200));
        } finally {
            factory.close();
            broker.stop();
        }
    }

    @Test
    void aHandedOverBuildGoesAheadOfBuildsNotYetStarted() throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(MessageBroker.embeddedConfiguration(dir));
        broker.start();
        ActiveMQConnectionFactory factory = MessageBroker.connectionFactory(MessageBroker.IN_VM_URL);
        try (JMSContext producer = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSContext worker = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = producer.createQueue(MessageBroker.BUILD_QUEUE);
            for (int i = 1; i <= 3; i++) {
                producer.createProducer()
                        .setPriority(BuildMessages.priority(null, null))
                        .send(queue, BuildMessages.encode(i));
            }
            producer.createProducer()
                    .setPriority(BuildMessages.priority(2, 77L))
                    .setProperty(BuildMessages.RESTART_EXECUTION, 77L)
                    .send(queue, BuildMessages.encode(9));
            JMSConsumer consumer = worker.createConsumer(queue);
            assertEquals("9", receiveText(consumer), "the resumed build comes first");
            assertEquals("1", receiveText(consumer));
            worker.commit();
        } finally {
            factory.close();
            broker.stop();
        }
    }

    @Test
    void aConsumerKeepsReceivingAfterTheBrokerRestarts() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "tcp://127.0.0.1:" + port;
        EmbeddedActiveMQ broker = tcpBroker(url);
        ActiveMQConnectionFactory factory = MessageBroker.connectionFactory(url);
        try (JMSContext worker = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            JMSConsumer consumer = worker.createConsumer(worker.createQueue(MessageBroker.BUILD_QUEUE));
            assertNull(consumer.receive(100));
            broker.stop();
            broker = tcpBroker(url);
            try (JMSContext api = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
                api.createProducer().send(api.createQueue(MessageBroker.BUILD_QUEUE), BuildMessages.encode(42));
            }
            // the same consumer, reconnected by the client: no new context, no lost message; the first commit
            // after the reconnect is rolled back (the broker lost the session), so the message comes once more
            String received = null;
            int deliveries = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (received == null && System.nanoTime() < deadline) {
                Message m = consumer.receive(1_000);
                if (m != null) {
                    deliveries++;
                    try {
                        worker.commit();
                        received = m.getBody(String.class);
                    } catch (TransactionRolledBackRuntimeException e) {
                        assertEquals(1, deliveries, "only the first commit after a reconnect is rolled back");
                    }
                }
            }
            assertEquals("42", received);
        } finally {
            factory.close();
            broker.stop();
        }
    }

    private EmbeddedActiveMQ tcpBroker(String url) throws Exception {
        Configuration cfg = MessageBroker.embeddedConfiguration(dir);
        cfg.addAcceptorConfiguration("tcp", url);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(cfg);
        broker.start();
        return broker;
    }

    private static String receiveText(JMSConsumer consumer) throws Exception {
        Message m = consumer.receive(5_000);
        assertNotNull(m, "a message waiting in the queue was not delivered");
        return m.getBody(String.class);
    }
}
