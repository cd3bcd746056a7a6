package org.signet.batch;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.signet.archive.ArchiveTrees;
import org.signet.config.SignetConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the {@code signet-archive} job every day at {@code signet.archive.seal-time} (server time, default 01:00),
 * and again whenever a sealing is overdue: at start-up (the server was down, or killed during the sealing) and every
 * hour (the time-stamping authorities were unreachable), as long as an entry entered before the last sealing time
 * still waits.
 */
@Singleton
@Startup
@DependsOn("signet-ejb.jar#SignetStartup")
public class ArchiveSchedule {

    static final String JOB = "signet-archive";
    private static final Logger LOG = Logger.getLogger(ArchiveSchedule.class.getName());
    private static final String DAILY = "daily";
    private static final Duration FIRST_CHECK = Duration.ofSeconds(10);
    private static final Duration CHECK_EVERY = Duration.ofHours(1);

    @Resource
    private TimerService timers;
    @EJB
    private ArchiveTrees trees;
    @Inject
    private SignetConfiguration configuration;

    @PostConstruct
    void schedule() {
        LocalTime at = configuration.archiveSealTime();
        timers.createCalendarTimer(new ScheduleExpression().hour(at.getHour()).minute(at.getMinute()).second(at.getSecond()),
                new TimerConfig(DAILY, false));
        timers.createIntervalTimer(FIRST_CHECK.toMillis(), CHECK_EVERY.toMillis(), new TimerConfig(null, false));
    }

    @Timeout
    void run(Timer timer) {
        if (!DAILY.equals(timer.getInfo())) {
            Instant oldest = trees.oldestWaiting();
            Instant due = lastSealingTime(configuration.archiveSealTime(), ZonedDateTime.now());
            if (oldest == null || !oldest.isBefore(due)) {
                return;
            }
            LOG.info(() -> "the archive's sealing of " + due + " is overdue (an entry of " + oldest + " waits): sealing now");
        }
        try {
            BatchRuntime.getJobOperator().start(JOB, new Properties());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the archive's sealing job could not be started; its entries wait for the next run", e);
        }
    }

    /** The last time, at or before {@code now}, the daily sealing was due. */
    static Instant lastSealingTime(LocalTime at, ZonedDateTime now) {
        ZonedDateTime today = now.with(at);
        return (today.isAfter(now) ? today.minusDays(1) : today).toInstant();
    }
}
