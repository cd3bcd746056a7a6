package org.signet.hotfolder;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The chunks of each batch being signed and written right now. When one partition of a batch fails, the job may end
 * while another partition still names its outputs; the FAILED semaphore waits for them, so that a producer who reads
 * the outgoing folder when it appears sees every output the stopped batch made.
 */
final class ChunksInFlight {

    private static final ConcurrentMap<String, Integer> RUNNING = new ConcurrentHashMap<>();

    private ChunksInFlight() { }

    static void started(String batchId) {
        RUNNING.merge(batchId, 1, Integer::sum);
    }

    static void ended(String batchId) {
        RUNNING.computeIfPresent(batchId, (id, count) -> count > 1 ? count - 1 : null);
        synchronized (RUNNING) {
            RUNNING.notifyAll();
        }
    }

    /** Waits until no chunk of the batch runs, at most {@code longest}; whether none runs. */
    static boolean awaitNone(String batchId, Duration longest) {
        long deadline = System.nanoTime() + longest.toNanos();
        synchronized (RUNNING) {
            while (RUNNING.containsKey(batchId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    RUNNING.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
