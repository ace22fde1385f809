package io.terrarium.infrastructure.messaging;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/**
 * The wire format of a build-queue message: the build id as decimal text, plus, for a build handed over after its
 * worker was lost, the job execution to restart ({@link #RESTART_EXECUTION}) and the attempt ({@link #ATTEMPT}) as
 * message properties. A message without the restart property starts the build's job.
 */
public final class BuildMessages {

    /** Long property: the job execution to restart from its last checkpoint. */
    public static final String RESTART_EXECUTION = "restartExecution";
    /** Int property: the build attempt the message was sent for (informational). */
    public static final String ATTEMPT = "attempt";
    /** Long property: the build id, for selectors and the dead-letter reader. */
    public static final String BUILD_ID = "buildId";

    /**
     * What a build message asks for.
     *
     * @param buildId          the build
     * @param restartExecution the job execution to restart, or null to start the job
     */
    public record BuildOrder(long buildId, Long restartExecution) {

        /** @return true when the message resumes a job rather than starting one */
        public boolean resumes() {
            return restartExecution != null;
        }
    }

    /** JMS priority of a message that starts a build for the first time (JMS's default). */
    static final int FIRST_RUN_PRIORITY = 4;
    /**
     * JMS priority of a message sent again for a build (handed over after its worker was lost, or re-sent): ahead of
     * builds not yet started, which would otherwise keep the survivor's slots busy while a half-built prefix waits.
     */
    static final int RETRY_PRIORITY = 9;

    private BuildMessages() {}

    /** @return the JMS priority of a message for {@code attempt} (null for a first send) */
    static int priority(Integer attempt, Long restartExecution) {
        return restartExecution != null || (attempt != null && attempt > 1) ? RETRY_PRIORITY : FIRST_RUN_PRIORITY;
    }

    static String encode(long buildId) {
        return Long.toString(buildId);
    }

    static long decode(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("empty build message");
        }
        try {
            return Long.parseLong(body.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("build message is not a build id: '" + body + "'", e);
        }
    }

    /**
     * @return the order a received message carries
     * @throws IllegalArgumentException when the message is not a build message
     */
    public static BuildOrder decode(Message message) {
        try {
            if (!(message instanceof TextMessage text)) {
                throw new IllegalArgumentException("build message is not a text message: " + message);
            }
            long buildId = decode(text.getText());
            Long restart =
                    message.propertyExists(RESTART_EXECUTION) ? message.getLongProperty(RESTART_EXECUTION) : null;
            return new BuildOrder(buildId, restart);
        } catch (JMSException e) {
            throw new IllegalArgumentException("unreadable build message: " + e.getMessage(), e);
        }
    }
}
