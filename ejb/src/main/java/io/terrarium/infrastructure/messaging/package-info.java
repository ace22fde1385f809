/**
 * The build queue over JMS: the embedded (or external) Artemis broker, a transactional outbox written with the build
 * and relayed to the queue once committed, and the consumer that hands each queued build to the batch job. A build
 * never exists without its message, and a message is acknowledged only once its job was started.
 */
package io.terrarium.infrastructure.messaging;
