package io.terrarium.infrastructure.messaging;

import io.terrarium.infrastructure.batch.BuildJobs;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Entry point for queueing and cancelling builds: writes the outbox row inside the caller's transaction and
 * asks the relay to publish it once that transaction has committed.
 *
 * <p>Queueing is a transactional outbox rather than an XA send: a rolled-back build leaves no row and so no
 * message, and a committed build always has a row that the relay (after commit, and on a timer after a crash)
 * turns into a JMS message. Delivery is at-least-once; the consumer ignores builds that are no longer QUEUED.
 */
@Stateless
public class BuildDispatcher {

    @PersistenceContext
    private EntityManager em;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @EJB
    private OutboxRelay relay;

    @EJB
    private BuildJobs jobs;

    /**
     * Queues a build. Must run inside the transaction that created the QUEUED build.
     *
     * @param buildId id of the build to run
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void enqueue(long buildId) {
        em.persist(new OutboxMessage(buildId));
        relayAfterCommit();
    }

    private void relayAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.relaySoon();
                }
            }
        });
    }

    /**
     * Sends a build again (a re-sent QUEUED build, or one handed over after its worker was lost). Must run inside the
     * transaction that recorded the new attempt.
     *
     * @param buildId          the build
     * @param attempt          its new attempt
     * @param restartExecution the job execution to restart from its last checkpoint, or null to start the job
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void resend(long buildId, int attempt, Long restartExecution) {
        em.persist(new OutboxMessage(buildId, attempt, restartExecution));
        relayAfterCommit();
    }

    /**
     * Stops the batch job running a build in this process, if any (the caller marked the build CANCELED first; the
     * watcher of whichever worker runs it stops it too).
     *
     * @param buildId id of the build to cancel
     * @return true if a running job execution was asked to stop
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean cancel(long buildId) {
        return jobs.stopBuild(buildId);
    }
}
