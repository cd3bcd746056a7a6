package org.signet.archive;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import org.signet.model.SignetException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The archive's store of documents, for seals and hot folders that keep them: each signed output under its SHA-256
 * ({@code ab/cd/abcd...}), written once and never replaced, so that a hash tree can be renewed with a new algorithm
 * from the documents themselves (RFC 4998 §5.3). A file is complete or absent: it is written under a temporary name
 * and moved into place.
 */
public final class DocumentStore {

    private final Path root;

    public DocumentStore(Path root) {
        this.root = root;
    }

    /** Where the document with this SHA-256 (hex) is kept. */
    public Path file(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    /** Keeps the document; one already kept under its hash is the same document and stays as it is. */
    public void keep(String sha256, byte[] content) {
        Path file = file(sha256.toLowerCase(Locale.ROOT));
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            write(file, content, false);
        }
    }

    /** What the store reads a document from when it is too large to be handed over in memory. */
    public interface Source {
        InputStream open() throws IOException;
    }

    /** Keeps a document too large to hold in memory, copied from its source; one already kept stays as it is. */
    public void keep(String sha256, Source content) {
        Path file = file(sha256.toLowerCase(Locale.ROOT));
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            write(file, part -> {
                try (InputStream in = content.open()) {
                    Files.copy(in, part);
                }
            }, false);
        }
    }

    /**
     * Keeps a document brought back by its owner: what the store holds under its hash is replaced when it is not that
     * document (a damaged copy, a link), left as it is when it is.
     */
    public void restore(String sha256, byte[] content) {
        Path file = file(sha256.toLowerCase(Locale.ROOT));
        if (hashAnew(sha256, HashTree.digest(DigestAlgorithm.SHA256)).isEmpty()) {
            write(file, content, true);
        }
    }

    /** Writes under a temporary name and moves into place (replacing what is there only when asked), so a file is whole or absent. */
    private static void write(Path file, byte[] content, boolean replace) {
        write(file, part -> Files.write(part, content), replace);
    }

    private interface Writing {
        void to(Path part) throws IOException;
    }

    private static void write(Path file, Writing content, boolean replace) {
        Path part = file.resolveSibling("." + file.getFileName() + "." + Thread.currentThread().getId() + ".part");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(part); // a leftover of a crash: Files.copy does not replace
            content.to(part);
            if (replace) {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileAlreadyExistsException e) {
            // kept meanwhile by another signing of the same bytes
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the archive store could not keep the signed document: "
                    + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // a leftover temporary file is ignored by readers and replaced by the next writer
            }
        }
    }

    /**
     * The document kept under this SHA-256 hashed with {@code digest}, read once and checked to be still the document
     * that was kept; empty when the store does not hold it (or holds a link, or other bytes, under its name).
     */
    public Optional<byte[]> hashAnew(String sha256, MessageDigest digest) {
        Path file = file(sha256.toLowerCase(Locale.ROOT));
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        MessageDigest check = HashTree.digest(DigestAlgorithm.SHA256);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                check.update(buffer, 0, read);
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            digest.reset();
            return Optional.empty();
        }
        byte[] hash = digest.digest();
        return HexFormat.of().formatHex(check.digest()).equals(sha256.toLowerCase(Locale.ROOT)) ? Optional.of(hash) : Optional.empty();
    }

    /** Whether the document with this SHA-256 is kept. */
    public boolean holds(String sha256) {
        return Files.isRegularFile(file(sha256.toLowerCase(Locale.ROOT)));
    }
}
