package org.signet.archive;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One day's hash tree (RFC 4998 §4.2), kept in a file so that an entry's reduced hash tree is read back with one
 * positional read per level instead of holding the tree in memory. Daily trees hash with SHA-256; the trees of a
 * hash-tree renewal (§5.3) with the stronger algorithm that renewal names.
 * <p>
 * A node's hash is the hash of its children's hashes sorted in binary ascending order and concatenated, as RFC 4998
 * verifies. A node without a sibling is paired with itself, so every list of a reduced hash tree holds the node's
 * sibling (or the node again): validators that hash a one-value list and validators that carry it up unhashed (Bouncy
 * Castle) then agree. A tree of one leaf has a root above it too.
 * <p>
 * The file holds the levels one after the other, leaves first, one hash a node; the sizes follow from the leaf count.
 */
public final class HashTree {

    public static final int HASH_BYTES = 32;

    private HashTree() { }

    /**
     * Writes the SHA-256 tree over {@code leaves} (n hashes of 32 bytes, in entry order) to {@code file}, forced to
     * disk, and returns its root.
     */
    public static byte[] write(byte[] leaves, Path file) throws IOException {
        return write(sha256(), leaves, file);
    }

    /** The same with the hash {@code digest} makes: leaves of its length. */
    public static byte[] write(MessageDigest digest, byte[] leaves, Path file) throws IOException {
        int size = digest.getDigestLength();
        int n = leaves.length / size;
        if (n == 0 || leaves.length % size != 0) {
            throw new IllegalArgumentException("a hash tree needs at least one leaf of " + size + " bytes");
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] level = leaves;
            writeFully(out, level);
            do {
                level = parents(level, digest);
                writeFully(out, level);
            } while (level.length > size);
            out.force(true);
            return level;
        }
    }

    /**
     * The reduced hash tree of leaf {@code index} of the SHA-256 tree over {@code n} leaves in {@code file}: the leaf
     * with its sibling, then each ancestor's sibling up to the root's children.
     */
    public static List<byte[][]> reducedTree(Path file, int n, int index) throws IOException {
        return reducedTree(file, n, index, HASH_BYTES);
    }

    /** The same in a tree of hashes of {@code hashBytes} bytes. */
    public static List<byte[][]> reducedTree(Path file, int n, int index, int hashBytes) throws IOException {
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("leaf " + index + " of a tree of " + n);
        }
        List<byte[][]> lists = new ArrayList<>();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long offset = 0;
            int size = n;
            int at = index;
            do {
                int sibling = (at ^ 1) < size ? at ^ 1 : at;
                byte[] siblingHash = read(in, offset + (long) sibling * hashBytes, hashBytes);
                lists.add(lists.isEmpty() ? new byte[][] {read(in, offset + (long) at * hashBytes, hashBytes), siblingHash}
                        : new byte[][] {siblingHash});
                offset += (long) size * hashBytes;
                size = (size + 1) / 2;
                at /= 2;
            } while (size > 1);
        }
        return lists;
    }

    /** The root that a reduced SHA-256 hash tree leads to, computed as RFC 4998 §4.3 verifies it. */
    public static byte[] root(List<byte[][]> reducedTree) {
        return root(sha256(), reducedTree);
    }

    /** The same with the hash {@code digest} makes. */
    public static byte[] root(MessageDigest digest, List<byte[][]> reducedTree) {
        byte[] node = null;
        for (byte[][] list : reducedTree) {
            List<byte[]> values = new ArrayList<>(Arrays.asList(list));
            if (node != null) {
                values.add(node);
            }
            node = hashSorted(digest, values.toArray(new byte[0][]));
        }
        return node;
    }

    private static byte[] parents(byte[] level, MessageDigest digest) {
        int bytes = digest.getDigestLength();
        int size = level.length / bytes;
        int parents = (size + 1) / 2;
        byte[] up = new byte[parents * bytes];
        for (int j = 0; j < parents; j++) {
            byte[] left = Arrays.copyOfRange(level, 2 * j * bytes, (2 * j + 1) * bytes);
            byte[] right = 2 * j + 1 < size ? Arrays.copyOfRange(level, (2 * j + 1) * bytes, (2 * j + 2) * bytes) : left;
            System.arraycopy(hashSorted(digest, new byte[][] {left, right}), 0, up, j * bytes, bytes);
        }
        return up;
    }

    /** The hash of values sorted in binary ascending order and concatenated: RFC 4998's node, and §5.3's h(i). */
    static byte[] hashSorted(MessageDigest digest, byte[][] values) {
        byte[][] sorted = values.clone();
        Arrays.sort(sorted, Arrays::compareUnsigned);
        for (byte[] value : sorted) {
            digest.update(value);
        }
        return digest.digest();
    }

    private static byte[] read(FileChannel in, long position, int hashBytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(hashBytes);
        while (buffer.hasRemaining()) {
            if (in.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the hash tree file ends early");
            }
        }
        return buffer.array();
    }

    private static void writeFully(FileChannel out, byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** A fresh digest of an archive hash. */
    public static MessageDigest digest(DigestAlgorithm algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.getJavaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static MessageDigest sha256() {
        return digest(DigestAlgorithm.SHA256);
    }
}
