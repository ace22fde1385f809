package io.terrarium.infrastructure.batch;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import io.terrarium.infrastructure.config.TerrariumConfig;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Resumes builds whose server died mid-job: shortly after startup, every execution of the build job that the
 * batch repository still shows as STARTING/STARTED, that no JVM of this server runs, and whose owner process on
 * this host is gone, is restarted from its last checkpoint; the dead execution is then marked FAILED so it is
 * never picked up again. Executions owned by another host are left to that host.
 *
 * <p>Also records the owner of each execution ({@link #own}), which the job listener calls as a job begins.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InterruptedBuilds {

    private static final Logger LOG = Logger.getLogger(InterruptedBuilds.class.getName());
    private static final long DELAY_MS = 5_000;

    @Resource
    private TimerService timers;

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private BuildJobs jobs;

    /** @return {@code pid@host} of this JVM */
    public static String thisInstance() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    @Inject
    TerrariumConfig config;

    @PostConstruct
    void scheduleRecovery() {
        if (!config.runsBuilds()) {
            return; // an api-only process never starts or restarts a job; a worker resumes these builds
        }
        timers.createSingleActionTimer(DELAY_MS, new TimerConfig("resume interrupted builds", false));
    }

    /** Records that this JVM runs {@code jobExecutionId} for {@code buildId}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void own(long jobExecutionId, long buildId) {
        JobOwner existing = em.find(JobOwner.class, jobExecutionId);
        if (existing == null) {
            em.persist(new JobOwner(jobExecutionId, buildId, thisInstance()));
        }
    }

    @Timeout
    void recover() {
        List<Long> running = jobs.runningExecutions();
        for (long exec : unfinishedExecutions()) {
            if (running.contains(exec)) {
                continue;
            }
            Optional<JobOwner> owner = Optional.ofNullable(em.find(JobOwner.class, exec));
            if (owner.isPresent() && !ownerIsGone(owner.get().getServerInstance())) {
                continue;
            }
            try {
                long restarted = jobs.restart(exec, new Properties());
                markFailed(exec);
                LOG.info(() -> "job execution " + exec + " was interrupted by a server stop; resumed as " + restarted);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot resume interrupted job execution " + exec + ": " + e.getMessage());
                markFailed(exec);
            }
        }
    }

    /** True when {@code pid@host} names a process of this host that no longer runs. */
    static boolean ownerIsGone(String instance) {
        int at = instance.indexOf('@');
        String me = thisInstance();
        String myHost = me.substring(me.indexOf('@') + 1);
        if (at < 0 || !instance.substring(at + 1).equals(myHost)) {
            return false;
        }
        if (instance.equals(me)) {
            return false;
        }
        try {
            long pid = Long.parseLong(instance.substring(0, at));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private List<Long> unfinishedExecutions() {
        String sql = "SELECT e.jobexecid FROM jbatchexecutioninstancedata e "
                + "JOIN jbatchjobinstancedata i ON e.jobinstanceid = i.jobinstanceid "
                + "WHERE i.name = ? AND e.batchstatus IN ('STARTING', 'STARTED') AND e.endtime IS NULL "
                + "ORDER BY e.jobexecid";
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, BuildJobs.JOB_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            // a fresh database has no batch tables until the first job runs: nothing to recover
            LOG.fine(() -> "no batch repository to scan: " + e.getMessage());
        }
        return out;
    }

    private void markFailed(long exec) {
        try (Connection c = dataSource.getConnection()) {
            for (String sql : List.of(
                    "UPDATE jbatchexecutioninstancedata SET batchstatus = 'FAILED', exitstatus = 'FAILED', "
                            + "endtime = CURRENT_TIMESTAMP, updatetime = CURRENT_TIMESTAMP WHERE jobexecid = ?",
                    "UPDATE jbatchstepexecutioninstancedata SET batchstatus = 'FAILED', endtime = CURRENT_TIMESTAMP "
                            + "WHERE jobexecid = ? AND batchstatus IN ('STARTING', 'STARTED')")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, exec);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            LOG.warning(() -> "cannot mark interrupted job execution " + exec + " FAILED: " + e.getMessage());
        }
    }
}
