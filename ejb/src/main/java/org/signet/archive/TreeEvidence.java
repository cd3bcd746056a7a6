package org.signet.archive;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import org.signet.config.SignetConfiguration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the evidence records of a sealed tree's entries are made of: the tree and its time stamp, its hash-tree
 * renewals, every time-stamp renewal of its chains, and which entries each hash-tree renewal holds (all of them, or
 * one entry's). An entry's record is its first chain, then one chain per hash-tree renewal that holds it; an earlier
 * chain carries the time-stamp renewals made before the next one began, the last carries all of its own.
 */
public record TreeEvidence(ArchiveTree tree, List<HashTreeRenewal> hashRenewals, List<ArchiveRenewal> renewals,
                           Map<Long, List<HashTreeRenewalLeaf>> leavesByEntry) {

    /** Only the first chain, however far an entry's record goes on. */
    public static final long FIRST_CHAIN = 0;
    /** Every chain of the entry. */
    public static final long ALL_CHAINS = Long.MAX_VALUE;

    /** The hash-tree renewals holding an entry, oldest first. */
    public List<HashTreeRenewalLeaf> leavesOf(long entryId) {
        return leavesByEntry.getOrDefault(entryId, List.of());
    }

    /** The hash of an entry's last chain. */
    public DigestAlgorithm lastAlgorithm(long entryId) {
        List<HashTreeRenewalLeaf> leaves = leavesOf(entryId);
        return leaves.isEmpty() ? DigestAlgorithm.SHA256 : algorithm(hashRenewal(leaves.get(leaves.size() - 1).renewalId()));
    }

    /**
     * The chains of the entry at {@code leaf} of the tree, up to the one that the hash-tree renewal {@code upTo} began
     * ({@link #FIRST_CHAIN}, {@link #ALL_CHAINS}).
     */
    public List<EvidenceRecords.Chain> chains(SignetConfiguration configuration, long entryId, int leaf, long upTo) throws IOException {
        List<HashTreeRenewalLeaf> held = new ArrayList<>();
        for (HashTreeRenewalLeaf renewalLeaf : leavesOf(entryId)) {
            if (renewalLeaf.renewalId() <= upTo) {
                held.add(renewalLeaf);
            }
        }
        List<EvidenceRecords.Chain> chains = new ArrayList<>(held.size() + 1);
        chains.add(new EvidenceRecords.Chain(DigestAlgorithm.SHA256, HashTree.reducedTree(ArchiveSealing.treeFile(configuration, tree.id()),
                tree.leaves(), leaf), tree.timeStamp(), renewalsOf(null, bound(held, 0))));
        for (int k = 0; k < held.size(); k++) {
            HashTreeRenewal renewal = hashRenewal(held.get(k).renewalId());
            DigestAlgorithm algorithm = algorithm(renewal);
            chains.add(new EvidenceRecords.Chain(algorithm, HashTree.reducedTree(ArchiveSealing.hashRenewalFile(configuration, renewal.id()),
                    renewal.leaves(), held.get(k).leaf(), HashTree.digest(algorithm).getDigestLength()), renewal.timeStamp(),
                    renewalsOf(renewal.id(), bound(held, k + 1))));
        }
        return chains;
    }

    /** The time-stamp renewals of the tree's first chain, all of them. */
    public List<ArchiveRenewal> firstChainRenewals() {
        return renewals.stream().filter(r -> r.chainId() == null).toList();
    }

    /** The last time-stamp renewal of a chain may hold: the one before the next chain began, or any. */
    private long bound(List<HashTreeRenewalLeaf> held, int next) {
        return next < held.size() ? hashRenewal(held.get(next).renewalId()).lastRenewalId() : Long.MAX_VALUE;
    }

    private List<byte[]> renewalsOf(Long chain, long bound) {
        List<byte[]> chainRenewals = new ArrayList<>();
        for (ArchiveRenewal renewal : renewals) {
            if (Objects.equals(renewal.chainId(), chain) && renewal.id() <= bound) {
                chainRenewals.add(renewal.archiveTimeStamp());
            }
        }
        return chainRenewals;
    }

    HashTreeRenewal hashRenewal(long id) {
        for (HashTreeRenewal renewal : hashRenewals) {
            if (renewal.id() == id) {
                return renewal;
            }
        }
        throw new IllegalStateException("hash-tree renewal " + id + " is not one of tree " + tree.id() + "'s");
    }

    static DigestAlgorithm algorithm(HashTreeRenewal renewal) {
        return DigestAlgorithm.valueOf(renewal.hashAlgorithm());
    }
}
