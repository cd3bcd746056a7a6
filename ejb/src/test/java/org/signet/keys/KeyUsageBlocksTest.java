package org.signet.keys;

import org.junit.jupiter.api.Test;
import org.signet.connector.KeyReference;
import org.signet.model.SignetException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Blocks of reserved signatures against a ledger that keeps a key's counter and limit as the database does. */
class KeyUsageBlocksTest {

    private static final KeyReference KEY = new KeyReference("demo", "seal");
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    /** The ledger's rules (a limit, a period's end), without the database. */
    static class Ledger extends KeyUsageLedger {
        long counted;
        Long limit;
        Instant until;
        int reservations;
        int releases;

        @Override
        public synchronized Grant reserve(KeyReference key, Instant now, int wanted) {
            if (limit != null && counted >= limit || until != null && !now.isBefore(until)) {
                throw new SignetException(SignetException.Kind.KEY_LIMIT_REACHED, "key " + key + " has made its signatures");
            }
            int n = (int) Math.min(Math.max(1, wanted), limit == null ? Long.MAX_VALUE : limit - counted);
            counted += n;
            reservations++;
            return new Grant(n, until);
        }

        @Override
        public synchronized void release(KeyReference key, int signatures) {
            counted -= signatures;
            releases++;
        }
    }

    private final Ledger ledger = new Ledger();
    private final KeyUsageBlocks blocks = new KeyUsageBlocks(ledger);

    @Test
    void singleRequestsShareABlockAndTheNextIsTakenBeforeItRunsOut() {
        for (int i = 0; i < 20; i++) {
            assertEquals(1, blocks.reserve(KEY, NOW, 1).signatures());
        }
        assertEquals(2, ledger.reservations, "two commits for 20 signatures");
        assertEquals(20, ledger.counted - blocks.unused(KEY.toString()), "made = counted less what the block holds");
        blocks.forget(KEY);
        assertEquals(20, ledger.counted, "given back");
        assertEquals(0, blocks.unused(KEY.toString()));
        assertEquals(100, blocks.reserve(KEY, NOW, 100).signatures(), "a run that wants a block of its own takes it from the ledger");
    }

    @Test
    void aLimitIsNeverExceededAndRefusesAsTheLedgerDoes() {
        ledger.limit = 5L;
        for (int i = 0; i < 5; i++) {
            blocks.reserve(KEY, NOW, 1);
        }
        SignetException refused = assertThrows(SignetException.class, () -> blocks.reserve(KEY, NOW, 1));
        assertEquals(SignetException.Kind.KEY_LIMIT_REACHED, refused.kind());
        assertEquals(5, ledger.counted);
    }

    @Test
    void whatAnEndedPeriodLeftIsGivenBackAndIdleBlocksToo() {
        ledger.until = NOW.plusSeconds(60);
        blocks.reserve(KEY, NOW, 1);
        assertEquals(15, blocks.unused(KEY.toString()));
        SignetException refused = assertThrows(SignetException.class, () -> blocks.reserve(KEY, NOW.plusSeconds(60), 1));
        assertEquals(SignetException.Kind.KEY_LIMIT_REACHED, refused.kind());
        assertEquals(1, ledger.counted, "the block's 15 went back when its period ended");

        ledger.until = null;
        blocks.reserve(KEY, Instant.now().minusSeconds(10), 1);
        blocks.giveBackIdle();
        assertEquals(0, blocks.unused(KEY.toString()));
        assertEquals(2, ledger.counted);
    }

    @Test
    void concurrentRequestsGetEachSignatureOnce() throws Exception {
        ledger.limit = 3_000L;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> requests = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                requests.add(() -> {
                    int got = 0;
                    for (int i = 0; i < 500; i++) {
                        try {
                            got += blocks.reserve(KEY, NOW, 1).signatures();
                        } catch (SignetException e) {
                            assertEquals(SignetException.Kind.KEY_LIMIT_REACHED, e.kind());
                        }
                    }
                    return got;
                });
            }
            int granted = 0;
            for (Future<Integer> f : pool.invokeAll(requests)) {
                granted += f.get();
            }
            assertEquals(3_000, granted, "the limit, exactly, of 4,000 asked");
            assertEquals(3_000, ledger.counted);
            assertEquals(0, blocks.unused(KEY.toString()));
            assertTrue(ledger.reservations <= 3_000 / KeyUsageBlocks.BLOCK + 8, ledger.reservations + " reservations");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBlockReservedWhileTheLimitsChangeGoesBackAndTheNewLimitHolds() throws Exception {
        CountDownLatch reserving = new CountDownLatch(1);
        CountDownLatch landing = new CountDownLatch(1);
        Ledger slow = new Ledger() {
            @Override
            public Grant reserve(KeyReference key, Instant now, int wanted) {
                Grant grant = super.reserve(key, now, wanted);
                if (reservations == 2) { // counted under the old limits; its commit still on its way
                    reserving.countDown();
                    try {
                        landing.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return grant;
            }
        };
        KeyUsageBlocks refilled = new KeyUsageBlocks(slow);
        for (int i = 0; i < 11; i++) {
            refilled.reserve(KEY, NOW, 1);
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<KeyUsageLedger.Grant> twelfth = pool.submit(() -> refilled.reserve(KEY, NOW, 1)); // leaves a quarter: refills
            assertTrue(reserving.await(10, TimeUnit.SECONDS));
            slow.limit = 20L; // what an admin's new limits do: set, then the blocks forgotten
            refilled.forget(KEY);
            landing.countDown();
            assertEquals(1, twelfth.get(10, TimeUnit.SECONDS).signatures(), "taken before the change");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, refilled.unused(KEY.toString()), "the block reserved under the old limits went back");
        assertEquals(12, slow.counted);
        for (int i = 0; i < 8; i++) {
            refilled.reserve(KEY, NOW, 1);
        }
        assertThrows(SignetException.class, () -> refilled.reserve(KEY, NOW, 1), "20 made, the new limit");
        assertEquals(20, slow.counted - refilled.unused(KEY.toString()));
    }
}
