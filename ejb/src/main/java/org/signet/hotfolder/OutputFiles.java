package org.signet.hotfolder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Writes hot-folder outputs so that a crash leaves nothing half-written and nothing named that is not complete:
 * each output is written under a temporary name, forced to disk, then named by a hard link, never over an existing
 * file. Files Signet owns (reports, semaphores) are replaced by a rename.
 */
public final class OutputFiles {

    private OutputFiles() { }

    /** Writes a new file: under a temporary name, forced to disk, then given its name; refuses to replace one. */
    public static void writeNew(Path target, byte[] content) throws IOException {
        Written written = linkAllNew(target.getParent(), List.of(new NewFile(target, content)), Runnable::run);
        IOException failure = written.failed().get(target);
        if (failure != null) {
            throw failure;
        }
        removeTemporaries(written.temporaries());
    }

    /**
     * An output to write with {@link #linkAllNew}: {@code content}; or, with an {@code original}, all
     * {@code originalLength} bytes of that file followed by what the content adds. When {@code movable}, the caller needs
     * the original no more: it becomes the output (moved next to it and extended in place), rather than being read,
     * copied and removed. When the content {@code follows} the original rather than repeating it (a file too large to
     * hold), a copy is made from the original itself, and its SHA-256 must still be {@code originalSha256}.
     */
    public record NewFile(Path target, byte[] content, Path original, long originalLength, boolean follows, byte[] originalSha256,
                          boolean movable) {

        public NewFile(Path target, byte[] content) {
            this(target, content, null, 0, false, null, false);
        }

        public NewFile {
            if (original != null && movable && !original.getFileName().equals(target.getFileName())
                    || original != null && !follows && originalLength > content.length
                    || follows && (original == null || originalSha256 == null)) {
                // a crash recovery puts a moved original back under its output's name, with the output's first bytes
                throw new IllegalArgumentException("an original becomes an output of the same name that begins with it");
            }
        }

        /** An output that begins with the whole of a file the caller read, named as it is, and that may become it. */
        public static NewFile extending(Path target, byte[] content, Path original, byte[] originalContent) {
            boolean extendsIt = originalContent.length <= content.length
                    && Arrays.equals(content, 0, originalContent.length, originalContent, 0, originalContent.length);
            return extendsIt && original.getFileName().equals(target.getFileName())
                    ? new NewFile(target, content, original, originalContent.length, false, null, true) : new NewFile(target, content);
        }

        /**
         * An output made of a file too large to hold, as it was read ({@code length} bytes of SHA-256 {@code sha256}), and
         * the bytes {@code appended} to it; the file becomes the output when {@code movable} and named as it is.
         */
        public static NewFile following(Path target, Path original, long length, byte[] sha256, byte[] appended, boolean movable) {
            return new NewFile(target, appended, original, length, true, sha256.clone(),
                    movable && original.getFileName().equals(target.getFileName()));
        }

        /** What the output has beyond its original's bytes. */
        ByteBuffer added() {
            return follows ? ByteBuffer.wrap(content) : ByteBuffer.wrap(content, (int) originalLength, content.length - (int) originalLength);
        }
    }

    /**
     * What {@link #linkAllNew} did: the outputs it could not write, with why (none of them is left half-written or
     * named, and a moved original is back in its place), and the temporary names of those it named, for
     * {@link #removeTemporaries} once the outputs are recorded.
     */
    public record Written(Map<Path, IOException> failed, List<Path> temporaries) { }

    /**
     * Writes several new files into one folder, each under a temporary name and forced to disk, then gives each its
     * name by a hard link (never over an existing file) and forces the folder, so that the names are durable too. The
     * writes and flushes run on {@code io}: flushes of different files overlap, and the file system commits them
     * together (a flush costs about 0.65 ms a file one after the other here, 0.26 ms with eight at a time).
     * <p>
     * An output that extends its original ({@link NewFile#extending}: a PDF with a new revision) is made from the
     * original itself: renamed to {@code .<name>.<its length>.signet-moved} here (both folders forced before anything is
     * appended, so that no power cut leaves appended bytes under the original's name), then only the bytes it lacks are
     * appended. A new file
     * would cost an inode, a copy of the whole document into fresh page cache and, when the original goes, an unlink;
     * on this project's test machines (ext4 without a journal, a ballooned VM) those were most of the output's CPU.
     * An original with a second hard link, or one that cannot be written or moved (another file system), is copied.
     * <p>
     * The temporary names stay linked to the outputs until {@link #removeTemporaries}: until then a crash leaves the
     * proof that an output is Signet's own ({@link #isLinkedFromTemporary}), which lets a caller record the outputs
     * once, after they are in place, rather than once before and once after. A moved original that a crash left
     * without its output's name is put back by {@link MovedOriginals#restoreMovedOriginals}, cut to its length.
     */
    public static Written linkAllNew(Path dir, List<NewFile> files, Executor io) {
        return linkAllNewAsync(dir, files, io).join();
    }

    /**
     * {@link #linkAllNew} without waiting: the names are given on {@code io} once every file is written, and the future
     * completes after the folder is forced.
     */
    public static CompletableFuture<Written> linkAllNewAsync(Path dir, List<NewFile> files, Executor io) {
        CompletableFuture<List<Path>> moved = files.stream().anyMatch(file -> file.original() != null)
                ? CompletableFuture.supplyAsync(() -> MovedOriginals.moveOriginals(dir, files), io)
                : CompletableFuture.completedFuture(Collections.nCopies(files.size(), null));
        List<CompletableFuture<Temporary>> written = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            NewFile file = files.get(i);
            int index = i;
            written.add(moved.thenApplyAsync(all -> write(file, all.get(index)), io));
        }
        return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).thenApply(all -> name(dir, files, written));
    }

    /** Where an output was written (its temporary name), or why it was not. */
    private record Temporary(Path path, IOException problem) { }

    private static Temporary write(NewFile file, Path moved) {
        IOException inPlace = null;
        if (moved != null) {
            inPlace = MovedOriginals.extendForced(moved, file);
            if (inPlace == null) {
                return new Temporary(moved, null);
            }
            IOException back = MovedOriginals.restore(moved, file.original(), inPlace instanceof MovedOriginals.ChangedAfterReading ? -1 : file.originalLength());
            if (back != null) {
                return new Temporary(null, back);
            }
        }
        Path part = HotFolderNames.temporary(file.target());
        IOException problem = file.follows() ? copyForced(part, file) : writeForced(part, file.content());
        if (problem != null && inPlace != null) {
            problem.addSuppressed(inPlace);
        }
        return new Temporary(problem == null ? part : null, problem);
    }

    /**
     * Writes a file Signet owns (a report, a semaphore): under a new temporary name (one found there is removed, never
     * written through: it may be a planted link), then renamed over the old file; a link or folder of the target's
     * name is refused, not replaced.
     */
    public static void write(Path target, byte[] content) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !HotFolderNames.isPlainFile(target)) {
            throw new IOException(target + " is not a plain file: Signet does not replace it");
        }
        Path temporary = HotFolderNames.temporary(target);
        try {
            Files.deleteIfExists(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS); OutputStream out = Channels.newOutputStream(channel)) {
                out.write(content);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Written name(Path dir, List<NewFile> files, List<CompletableFuture<Temporary>> written) {
        Map<Path, IOException> failed = new HashMap<>();
        List<Path> named = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            NewFile file = files.get(i);
            Temporary temporary = written.get(i).join();
            IOException problem = temporary.problem();
            if (problem == null) {
                try {
                    linkWithoutReplacing(temporary.path(), file.target());
                    named.add(temporary.path());
                } catch (IOException e) {
                    problem = e;
                    if (HotFolderNames.isMoved(temporary.path())) {
                        IOException back = MovedOriginals.restore(temporary.path(), file.original(), file.originalLength());
                        if (back != null) {
                            problem.addSuppressed(back);
                        }
                    } else {
                        deleteQuietly(temporary.path());
                    }
                }
            }
            if (problem != null) {
                failed.put(file.target(), problem);
            }
        }
        forceFolder(dir);
        return new Written(failed, named);
    }

    /** Ends {@link #linkAllNew} for outputs that are recorded: their temporary names go. */
    public static void removeTemporaries(List<Path> temporaries) {
        for (Path temporary : temporaries) {
            temporary.toFile().delete(); // a name left over is removed when the batch ends
        }
    }

    /**
     * Whether the output was named by {@link #linkAllNew} and not yet recorded: a temporary name is a second name of
     * the same file. (Nothing else writes Signet's temporary names, and an output made by somebody else is a
     * different file.)
     */
    public static boolean isLinkedFromTemporary(Path target) {
        if (isSameFile(HotFolderNames.temporary(target), target)) {
            return true;
        }
        for (Path moved : MovedOriginals.movedNames(target.getParent(), target.getFileName().toString())) {
            if (isSameFile(moved, target)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes what a crash left in a batch's outgoing folder once all of it is recorded: partial outputs, and temporary
     * names that are second names of outputs. A moved original that is not its output is never removed.
     */
    public static void removeLeftovers(Path outDir) throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(outDir, ".*" + HotFolderNames.PART)) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        }
        for (MovedOriginals.Moved moved : MovedOriginals.movedOriginals(outDir)) {
            if (moved.named()) {
                Files.deleteIfExists(moved.path());
            }
        }
    }

    /**
     * Gives a finished file a second name, never taking the name from anything else (a file, a folder, even a broken
     * link): a hard link fails atomically when the name is taken, where a check before a rename leaves a moment in
     * which another writer's file would be replaced. File systems without hard links get the check and a rename, and
     * with it no proof after a crash that the output is Signet's (see README, hot folders).
     */
    static void linkWithoutReplacing(Path temporary, Path target) throws IOException {
        try {
            Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target.toString(), null, "Signet does not overwrite an existing output");
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString(), null, "Signet does not overwrite an existing output");
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Whether something has the name, as a hint (the rename above is the guard): java.io.File's check, because on JDK 17
     * Files.exists throws and catches an exception for every absent file, and hot folders ask that of every output.
     * A broken link reads as absent here and is refused by the rename.
     */
    static boolean isTaken(Path path) {
        return path.toFile().exists();
    }

    /**
     * Writes and forces one temporary file; null when it is on disk, else why not (and nothing is left). A temporary
     * name found from before a crash is removed, not written into: it may be a second name of an output.
     */
    private static IOException writeForced(Path temporary, byte[] content) {
        try {
            FileChannel opened;
            try {
                opened = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            } catch (FileAlreadyExistsException e) {
                Files.delete(temporary);
                opened = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            }
            try (FileChannel channel = opened) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return null;
        } catch (IOException e) {
            deleteQuietly(temporary);
            return e;
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            return new IOException(e.toString(), e);
        }
    }

    /**
     * Copies an original too large to hold, then what follows it, into a temporary file forced to disk; null when done.
     * The original must still be what was signed: as long, and of the same SHA-256.
     */
    private static IOException copyForced(Path temporary, NewFile file) {
        try {
            deleteQuietly(temporary);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long copied;
            try (InputStream in = new DigestInputStream(Files.newInputStream(file.original(), LinkOption.NOFOLLOW_LINKS), sha256);
                 FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                         LinkOption.NOFOLLOW_LINKS)) {
                copied = in.transferTo(Channels.newOutputStream(channel));
                ByteBuffer added = file.added();
                while (added.hasRemaining()) {
                    channel.write(added);
                }
                if (copied != file.originalLength() || !MessageDigest.isEqual(sha256.digest(), file.originalSha256())) {
                    throw new MovedOriginals.ChangedAfterReading(file.original() + " changed after it was read (" + copied + " bytes, "
                            + file.originalLength() + " read)");
                }
                channel.force(true);
            }
            return null;
        } catch (IOException e) {
            deleteQuietly(temporary);
            return e;
        } catch (GeneralSecurityException | RuntimeException e) {
            deleteQuietly(temporary);
            return new IOException(e.toString(), e);
        }
    }

    static void forceFolder(Path dir) {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // not every file system lets a folder be forced; the files themselves are
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next attempt truncates it, and the finished batch removes what is left
        }
    }

    static boolean isSameFile(Path one, Path other) {
        try {
            return HotFolderNames.isPlainFile(one) && HotFolderNames.isPlainFile(other) && Files.isSameFile(one, other);
        } catch (IOException e) {
            return false;
        }
    }
}
