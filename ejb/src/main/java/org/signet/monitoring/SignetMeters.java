package org.signet.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signet's own counters, on WildFly's Micrometer registry (Prometheus text at the management interface's
 * {@code /prometheus}): signatures per seal, format and level; refusals by kind; hot-folder files by outcome;
 * time-stamp tokens issued; and as gauges the readiness last found (seals, seals without a usable key, their keys
 * by state). Counters are looked up once per tag set, so counting costs a map look-up and an add.
 */
@ApplicationScoped
public class SignetMeters {

    @Inject
    private Instance<MeterRegistry> registries;

    private MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<GaugeId, AtomicLong> gauges = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        // A server without the micrometer subsystem still signs; its counts are then only kept in memory.
        registry = registries.isResolvable() ? registries.get() : new SimpleMeterRegistry();
    }

    public void signed(String seal, SignatureFormat format, SignatureLevel level) {
        counter("signet.signatures", "seal", seal, "format", format.name(), "level", level.name()).increment();
    }

    public void refused(SignetException.Kind kind) {
        counter("signet.refusals", "kind", kind.name()).increment();
    }

    public void batchFiles(String hotFolder, boolean signed, int files) {
        if (files > 0) {
            counter("signet.batch.files", "hotfolder", hotFolder, "result", signed ? "signed" : "failed")
                    .increment(files);
        }
    }

    public void timeStamp(boolean granted) {
        counter("signet.timestamps", "result", granted ? "granted" : "rejected").increment();
    }

    /**
     * The readiness last found: {@code signet_ready} (1 or 0), {@code signet_seals},
     * {@code signet_seals_without_usable_key} and {@code signet_keys{state}} for the seals' keys.
     */
    public void readiness(boolean ready, int seals, long sealsWithoutKey, Map<String, Long> keysByState) {
        gauge("signet.ready").set(ready ? 1 : 0);
        gauge("signet.seals").set(seals);
        gauge("signet.seals.without.usable.key").set(sealsWithoutKey);
        keysByState.forEach((state, count) -> gauge("signet.keys", "state", state).set(count));
    }

    /** {@code signet_archive_unsealed_entries}: signed outputs waiting for the archive's next sealing. */
    public void archiveWaiting(long entries) {
        gauge("signet.archive.unsealed.entries").set(entries);
    }

    /**
     * A gauge of this deployment. The server's registry outlives deployments and keeps a gauge's first value object:
     * one left by an earlier deployment of Signet is removed first, and ours go when this deployment ends.
     */
    private AtomicLong gauge(String name, String... tags) {
        return gauges.computeIfAbsent(new GaugeId(name, List.of(tags)), id -> {
            remove(id);
            return registry.gauge(name, Tags.of(tags), new AtomicLong());
        });
    }

    private record GaugeId(String name, List<String> tags) { }

    private void remove(GaugeId id) {
        registry.find(id.name()).tags(id.tags().toArray(new String[0])).meters().forEach(registry::remove);
    }

    @PreDestroy
    void removeGauges() {
        gauges.keySet().forEach(this::remove);
    }

    private Counter counter(String name, String... tags) {
        // registry.counter rather than Counter.builder: WildFly's application registry tags and publishes meters made so
        return counters.computeIfAbsent(name + String.join("\u0000", tags), key -> registry.counter(name, tags));
    }
}
