package org.signet.keys;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.signet.connector.KeyReference;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Signatures reserved from the {@link KeyUsageLedger} a block at a time for requests that sign one or a few
 * documents: a reservation locks the key's counter row until its commit is on disk, so concurrent requests of one
 * key that each reserved their own signature took turns at the disk's pace. What a block has not used goes back to
 * the ledger after a few idle seconds, when its key's limits change, and when the server stops; a server that dies
 * leaves at most one block per key counted but unmade (a limit is never exceeded, it may be reached early).
 */
@Singleton
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KeyUsageBlocks {

    /** Signatures taken from the ledger at once; a run that wants as many reserves them itself. */
    static final int BLOCK = 16;
    static final Duration IDLE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(KeyUsageBlocks.class.getName());

    @EJB
    private KeyUsageLedger ledger;

    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    public KeyUsageBlocks() { }

    KeyUsageBlocks(KeyUsageLedger ledger) {
        this.ledger = ledger;
    }

    /** A key's reserved, unused signatures; guarded by its own monitor. */
    private static final class Block {
        final KeyReference key;
        int left;
        Instant until;
        Instant lastUsed = Instant.EPOCH;
        /** A request is taking the next block from the ledger (outside the monitor: that commit waits for the disk). */
        boolean refilling;
        /** Counts the block's forced give-backs: a block reserved across one lands under limits it was not counted by. */
        long generation;

        Block(KeyReference key) {
            this.key = key;
        }
    }

    /**
     * Up to {@code wanted} signatures of the key (at least one): from its block while the block's period lasts, else
     * from a new block, which the ledger refuses as it does any reservation. The next block is taken while a quarter
     * of this one is left, so that requests do not wait for its commit.
     */
    public KeyUsageLedger.Grant reserve(KeyReference key, Instant now, int wanted) {
        if (wanted >= BLOCK) {
            return ledger.reserve(key, now, wanted);
        }
        Block block = blocks.computeIfAbsent(key.toString(), k -> new Block(key));
        while (true) {
            KeyUsageLedger.Grant granted = null;
            long generation;
            synchronized (block) {
                if (block.left > 0 && block.until != null && !now.isBefore(block.until)) {
                    giveBack(block); // the key's period ended
                }
                while (block.left == 0 && block.refilling) {
                    try {
                        block.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the key's signatures", e);
                    }
                }
                if (block.left > 0) {
                    granted = take(block, wanted, now);
                    if (block.left > BLOCK / 4 || block.refilling) {
                        return granted;
                    }
                }
                block.refilling = true;
                generation = block.generation;
            }
            KeyUsageLedger.Grant next;
            try {
                next = ledger.reserve(key, now, BLOCK);
            } catch (RuntimeException e) {
                synchronized (block) {
                    block.refilling = false;
                    block.notifyAll();
                }
                if (granted != null) {
                    return granted; // taking ahead failed (a limit, say): the requests after this one meet it
                }
                throw e;
            }
            synchronized (block) {
                block.refilling = false;
                block.notifyAll();
                if (block.generation != generation) {
                    // the key's limits changed while this block was being reserved: it was counted under the old ones
                    release(block.key, next.signatures());
                    if (granted != null) {
                        return granted;
                    }
                    continue;
                }
                block.left += next.signatures();
                block.until = next.until();
                return granted != null ? granted : take(block, wanted, now);
            }
        }
    }

    private static KeyUsageLedger.Grant take(Block block, int wanted, Instant now) {
        int granted = Math.min(Math.max(1, wanted), block.left);
        block.left -= granted;
        block.lastUsed = now;
        return new KeyUsageLedger.Grant(granted, block.until);
    }

    /** Reserved here and not made: what a key's counter is ahead of its signatures. */
    public int unused(String keyId) {
        Block block = blocks.get(keyId);
        if (block == null) {
            return 0;
        }
        synchronized (block) {
            return block.left;
        }
    }

    /** Gives the key's block back, so that new limits count from what was made. */
    public void forget(KeyReference key) {
        Block block = blocks.get(key.toString());
        if (block != null) {
            synchronized (block) {
                block.generation++;
                giveBack(block);
            }
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void giveBackIdle() {
        Instant idleSince = Instant.now().minus(IDLE);
        for (Block block : blocks.values()) {
            synchronized (block) {
                if (block.left > 0 && block.lastUsed.isBefore(idleSince)) {
                    giveBack(block);
                }
            }
        }
    }

    @PreDestroy
    void giveBackAll() {
        for (Block block : blocks.values()) {
            synchronized (block) {
                block.generation++;
                giveBack(block);
            }
        }
    }

    private void giveBack(Block block) {
        release(block.key, block.left);
        block.left = 0;
    }

    private void release(KeyReference key, int signatures) {
        if (signatures == 0) {
            return;
        }
        try {
            ledger.release(key, signatures);
        } catch (RuntimeException e) {
            // counted but unmade, as after a crash; the next block is taken all the same
            LOG.warning("could not give back " + signatures + " reserved signatures of key " + key + ": " + e);
        }
    }
}
