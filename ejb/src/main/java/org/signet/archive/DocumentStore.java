package org.signet.archive;

import org.signet.model.SignetException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

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
        if (Files.exists(file)) {
            return;
        }
        Path part = file.resolveSibling("." + file.getFileName() + "." + Thread.currentThread().getId() + ".part");
        try {
            Files.createDirectories(file.getParent());
            Files.write(part, content);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
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

    /** Whether the document with this SHA-256 is kept. */
    public boolean holds(String sha256) {
        return Files.isRegularFile(file(sha256.toLowerCase(Locale.ROOT)));
    }
}
