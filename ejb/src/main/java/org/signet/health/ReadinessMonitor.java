package org.signet.health;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.signet.archive.ArchiveTrees;
import org.signet.monitoring.SignetMeters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks readiness (and the archive's waiting entries) every 30 seconds for the metrics, so that a scrape reads numbers rather than querying the
 * database and the keys from the management thread: a card locked or a key failing shows within half a minute.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ReadinessMonitor {

    private static final long INTERVAL_MILLIS = 30_000;

    @Resource
    private TimerService timers;
    @Inject
    private SignetReadiness readiness;
    @Inject
    private SignetMeters meters;
    @EJB
    private ArchiveTrees archive;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(5_000, INTERVAL_MILLIS, new TimerConfig(null, false));
    }

    @Timeout
    void check() {
        SignetReadiness.Readiness found = readiness.check();
        Map<String, Long> keys = new LinkedHashMap<>();
        found.keys().forEach((state, count) -> keys.put(state.label(), count));
        meters.readiness(found.ready(), found.seals(), found.sealsWithoutKey(), keys);
        try {
            meters.archiveWaiting(archive.waiting());
        } catch (RuntimeException e) {
            // the database is down: the readiness gauges say so
        }
    }
}
