package org.signet.batch;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.signet.config.SignetConfiguration;

import java.time.LocalTime;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the {@code signet-archive} job every day at {@code signet.archive.seal-time} (server time, default 01:00). */
@Singleton
@Startup
@DependsOn("signet-ejb.jar#SignetStartup")
public class ArchiveSchedule {

    static final String JOB = "signet-archive";
    private static final Logger LOG = Logger.getLogger(ArchiveSchedule.class.getName());

    @Resource
    private TimerService timers;
    @Inject
    private SignetConfiguration configuration;

    @PostConstruct
    void schedule() {
        LocalTime at = configuration.archiveSealTime();
        timers.createCalendarTimer(new ScheduleExpression().hour(at.getHour()).minute(at.getMinute()).second(at.getSecond()),
                new TimerConfig(null, false));
    }

    @Timeout
    void sealToday() {
        try {
            BatchRuntime.getJobOperator().start(JOB, new Properties());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the archive's sealing job could not be started; its entries wait for the next run", e);
        }
    }
}
