package io.terrarium.infrastructure.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.nio.file.Path;
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

    private static String receiveText(JMSConsumer consumer) throws Exception {
        Message m = consumer.receive(5_000);
        assertNotNull(m, "a message waiting in the queue was not delivered");
        return m.getBody(String.class);
    }

}
