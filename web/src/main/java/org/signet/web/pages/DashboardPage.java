package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.signet.admin.AuditQuery;
import org.signet.admin.KeyAdministration;
import org.signet.archive.ArchiveService;
import org.signet.audit.AuditEntry;
import org.signet.audit.AuditLog;
import org.signet.health.SignetReadiness;
import org.signet.hotfolder.HotFolders;
import org.signet.keys.KeyStatus;
import org.signet.model.SignetException;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What an admin or auditor looks at first: documents signed per hour and seal over the last day, the running batches
 * with their progress, the keys and cards, whether Signet is ready (time-stamping authority included), the archive,
 * and the newest refusals. Each part comes from the service that owns it; a part the caller may not see stays empty.
 */
@Named
@ViewScoped
public class DashboardPage implements Serializable {
    /** {@code Json.create...} looks its provider up through the ServiceLoader on every call, a scan of the deployment's jars. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00").withZone(ZoneOffset.UTC);

    @EJB
    private transient AuditQuery audit;
    @EJB
    private transient KeyAdministration keys;
    @EJB
    private transient HotFolders hotFolders;
    @EJB
    private transient ArchiveService archive;
    @Inject
    private transient SignetReadiness readiness;

    private transient List<AuditLog.SealHour> hours;
    private transient long signedToday;
    private transient List<HotFolders.BatchProgress> runningBatches;
    private transient List<KeyStatus> keyList;
    private transient SignetReadiness.Readiness ready;
    private transient ArchiveService.ArchiveState archiveState;
    private transient List<AuditEntry> refusals;

    public void load() {
        if (hours == null) {
            refresh();
        }
    }

    /** Reads every part once per page view and per refresh (the page polls), not once per expression that shows it. */
    public void refresh() {
        hours = Pages.read(audit::signaturesPerHour, List.of());
        signedToday = hours.stream().mapToLong(AuditLog.SealHour::documents).sum();
        runningBatches = part(() -> hotFolders.batches(100).stream()
                .filter(b -> "RUNNING".equals(b.state()) || "UNCONFIRMED".equals(b.state()))
                .map(b -> hotFolders.progress(b.id())).toList(), List.of());
        keyList = part(keys::listKeys, List.of());
        ready = readiness.check();
        archiveState = part(archive::state, null);
        refusals = part(() -> audit.recentRefusals(10), List.of());
    }

    /** A stacked bar chart (Chart.js, served by the server with PrimeFaces): one bar per hour (UTC), one colour per seal. */
    public String getSignaturesChart() {
        load();
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minusSeconds(23 * 3600L);
        JsonArrayBuilder labels = JSON.createArrayBuilder();
        for (int i = 0; i < 24; i++) {
            labels.add(HOUR.format(first.plusSeconds(i * 3600L)));
        }
        Map<String, long[]> bySeal = new TreeMap<>();
        for (AuditLog.SealHour hour : hours) {
            int slot = (int) ((hour.hour().getEpochSecond() - first.getEpochSecond()) / 3600);
            if (slot >= 0 && slot < 24) {
                bySeal.computeIfAbsent(hour.seal() == null ? "—" : hour.seal(), s -> new long[24])[slot] += hour.documents();
            }
        }
        JsonArrayBuilder datasets = JSON.createArrayBuilder();
        bySeal.forEach((seal, counts) -> {
            JsonArrayBuilder data = JSON.createArrayBuilder();
            for (long count : counts) {
                data.add(count);
            }
            datasets.add(JSON.createObjectBuilder().add("label", seal).add("data", data));
        });
        JsonObjectBuilder stacked = JSON.createObjectBuilder().add("stacked", true);
        return JSON.createObjectBuilder().add("type", "bar")
                .add("data", JSON.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", JSON.createObjectBuilder().add("animation", false)
                        .add("scales", JSON.createObjectBuilder().add("x", stacked).add("y", JSON.createObjectBuilder()
                                .add("stacked", true).add("beginAtZero", true))))
                .build().toString();
    }

    public long getSignedToday() {
        load();
        return signedToday;
    }

    public List<String> getSeals() {
        load();
        return List.copyOf(new TreeSet<>(hours.stream().map(h -> h.seal() == null ? "—" : h.seal()).toList()));
    }

    public List<HotFolders.BatchProgress> getRunningBatches() {
        load();
        return runningBatches;
    }

    public List<KeyStatus> getKeys() {
        load();
        return keyList;
    }

    public SignetReadiness.Readiness getReadiness() {
        load();
        return ready;
    }

    public ArchiveService.ArchiveState getArchive() {
        load();
        return archiveState;
    }

    public List<AuditEntry> getRefusals() {
        load();
        return refusals;
    }

    /** One part of the dashboard; one the caller may not see stays empty (the chart above already shows a refusal). */
    private static <T> T part(Supplier<T> read, T otherwise) {
        try {
            return read.get();
        } catch (SignetException e) {
            return otherwise;
        }
    }
}
