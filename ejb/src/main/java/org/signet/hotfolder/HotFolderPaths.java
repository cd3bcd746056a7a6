package org.signet.hotfolder;

import java.io.IOException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folder and file names in hot folders are never trusted: a name is one plain path element (no separator, no
 * leading dot, so no ".." either), links are not followed, and outputs are written under a temporary name and
 * renamed into place only when complete, never over an existing file.
 */
public final class HotFolderPaths {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._+,()@=-]{0,199}");

    private HotFolderPaths() { }

    /** Signet's temporary names: an output being written, and an original being turned into its output. */
    private static final String PART = ".signet-part";
    private static final String MOVED = ".signet-moved";
    /** {@code .<name>.<length of the original>.signet-moved}: the length is what a crash recovery cuts the file back to. */
    private static final Pattern MOVED_NAME = Pattern.compile("\\.(.+)\\.(\\d{1,10})\\.signet-moved");

    public static boolean isSafeName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.endsWith(PART) && !name.endsWith(MOVED);
    }

    /** {@code dir/name}, when the name is safe and the result stays directly inside dir. */
    public static Path child(Path dir, String name) {
        if (!isSafeName(name)) {
            throw new IllegalArgumentException("the name '" + name + "' is not allowed in a hot folder");
        }
        Path child = dir.resolve(name).normalize();
        if (!dir.normalize().equals(child.getParent())) {
            throw new IllegalArgumentException("the name '" + name + "' leaves its folder");
        }
        return child;
    }

    public static boolean isPlainDirectory(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    public static boolean isPlainFile(Path path) {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }

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
     * An output to write with {@link #linkAllNew}. With an {@code original}, the content begins with all
     * {@code originalLength} bytes of that file, which the caller needs no more: the original itself becomes the output
     * (moved next to it and extended in place), rather than being read, copied and removed.
     */
    public record NewFile(Path target, byte[] content, Path original, int originalLength) {

        public NewFile(Path target, byte[] content) {
            this(target, content, null, 0);
        }

        public NewFile {
            if (original != null && (!original.getFileName().equals(target.getFileName()) || originalLength > content.length)) {
                // a crash recovery puts a moved original back under its output's name, with the output's first bytes
                throw new IllegalArgumentException("an original becomes an output of the same name that begins with it");
            }
        }

        /** An output that begins with the whole of a file the caller read, named as it is, and that may become it. */
        public static NewFile extending(Path target, byte[] content, Path original, byte[] originalContent) {
            boolean extendsIt = originalContent.length <= content.length
                    && Arrays.equals(content, 0, originalContent.length, originalContent, 0, originalContent.length);
            return extendsIt && original.getFileName().equals(target.getFileName())
                    ? new NewFile(target, content, original, originalContent.length) : new NewFile(target, content);
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
     * without its output's name is put back by {@link #restoreMovedOriginals}, cut to its length.
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
                ? CompletableFuture.supplyAsync(() -> moveOriginals(dir, files), io)
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

    /**
     * Moves the originals that may become their outputs next to them, one by one, then forces the folders once: the
     * moved path of each file, or null for one to be copied.
     */
    private static List<Path> moveOriginals(Path dir, List<NewFile> files) {
        List<Path> moved = new ArrayList<>(files.size());
        Set<Path> folders = new HashSet<>();
        for (NewFile file : files) {
            Path to = null;
            if (file.original() != null && isSoleName(file.original())) {
                Path candidate = movedName(file.target(), file.originalLength());
                try {
                    if (!isTaken(candidate)) {
                        Files.move(file.original(), candidate, StandardCopyOption.ATOMIC_MOVE);
                        to = candidate;
                        folders.add(file.original().getParent());
                    }
                } catch (IOException | RuntimeException e) {
                    // another file system, no right to rename: the output is copied instead
                }
            }
            moved.add(to);
        }
        if (!folders.isEmpty()) {
            folders.add(dir);
            folders.forEach(HotFolderPaths::forceFolder);
        }
        return moved;
    }

    /** A regular file with no other hard link: appending to it changes nothing but this name's content. */
    private static boolean isSoleName(Path original) {
        try {
            return isPlainFile(original) && ((Number) Files.getAttribute(original, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() == 1;
        } catch (IOException | RuntimeException e) {
            return false; // no unix attributes: copied
        }
    }

    private static Temporary write(NewFile file, Path moved) {
        IOException inPlace = null;
        if (moved != null) {
            inPlace = extendForced(moved, file);
            if (inPlace == null) {
                return new Temporary(moved, null);
            }
            IOException back = restore(moved, file.original(), inPlace instanceof ChangedAfterReading ? -1 : file.originalLength());
            if (back != null) {
                return new Temporary(null, back);
            }
        }
        Path part = temporary(file.target());
        IOException problem = writeForced(part, file.content());
        if (problem != null && inPlace != null) {
            problem.addSuppressed(inPlace);
        }
        return new Temporary(problem == null ? part : null, problem);
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
                    if (isMoved(temporary.path())) {
                        IOException back = restore(temporary.path(), file.original(), file.originalLength());
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
        if (isSameFile(temporary(target), target)) {
            return true;
        }
        for (Path moved : movedNames(target.getParent(), target.getFileName().toString())) {
            if (isSameFile(moved, target)) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a crash: every original that was moved to become its output in {@code outDir} but did not get the output's
     * name is cut back to its length and put back into {@code inDir}, to be signed again. What cannot go back stays
     * under its temporary name (nothing is removed) and is returned with why.
     */
    public static Restored restoreMovedOriginals(Path outDir, Path inDir) {
        int putBack = 0;
        Map<Path, IOException> kept = new HashMap<>();
        for (Moved moved : movedOriginals(outDir)) {
            if (moved.named()) {
                continue; // an output named: see movedIntoOutputs
            }
            IOException problem;
            try {
                problem = restore(moved.path(), child(inDir, moved.name()), moved.length());
            } catch (IllegalArgumentException e) {
                problem = new IOException(e.getMessage(), e);
            }
            if (problem == null) {
                putBack++;
            } else {
                kept.put(moved.path(), problem);
            }
        }
        return new Restored(putBack, kept);
    }

    /** What {@link #restoreMovedOriginals} did. */
    public record Restored(int putBack, Map<Path, IOException> kept) { }

    /**
     * The outputs in {@code outDir} that a moved original became and that were named but not yet recorded (a crash
     * came before): their originals are no longer in the batch folder, and the caller records them by these names.
     */
    public static List<String> movedIntoOutputs(Path outDir) {
        return movedOriginals(outDir).stream().filter(Moved::named).map(Moved::name).toList();
    }

    /**
     * Removes what a crash left in a batch's outgoing folder once all of it is recorded: partial outputs, and temporary
     * names that are second names of outputs. A moved original that is not its output is never removed.
     */
    public static void removeLeftovers(Path outDir) throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(outDir, ".*" + PART)) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        }
        for (Moved moved : movedOriginals(outDir)) {
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
                opened = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                Files.delete(temporary);
                opened = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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

    private static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + PART);
    }

    private static Path movedName(Path target, int originalLength) {
        return target.resolveSibling("." + target.getFileName() + "." + originalLength + MOVED);
    }

    private static boolean isMoved(Path temporary) {
        return temporary.getFileName().toString().endsWith(MOVED);
    }

    /** The moved originals in a folder: all of them, or those that would become the output {@code name}. */
    private static List<Path> movedNames(Path dir, String name) {
        List<Path> found = new ArrayList<>();
        if (dir == null || !isPlainDirectory(dir)) {
            return found;
        }
        DirectoryStream.Filter<Path> filter = entry -> {
            String entryName = entry.getFileName().toString();
            return entryName.endsWith(MOVED) && (name == null || entryName.startsWith("." + name + "."));
        };
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, filter)) {
            entries.forEach(found::add);
        } catch (IOException e) {
            // an unreadable folder has none that Signet could use
        }
        return found;
    }

    /** An original moved to become its output: under which name, its length, and whether the output has that name. */
    private record Moved(Path path, String name, long length, boolean named) { }

    private static List<Moved> movedOriginals(Path outDir) {
        List<Moved> found = new ArrayList<>();
        for (Path moved : movedNames(outDir, null)) {
            Matcher name = MOVED_NAME.matcher(moved.getFileName().toString());
            if (name.matches()) {
                found.add(new Moved(moved, name.group(1), Long.parseLong(name.group(2)),
                        isSameFile(moved, outDir.resolve(name.group(1)))));
            }
        }
        return found;
    }

    private static boolean isSameFile(Path one, Path other) {
        try {
            return isPlainFile(one) && isPlainFile(other) && Files.isSameFile(one, other);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Appends to a moved original what its output adds, and forces it; null when done, else why not. A file that is not
     * the length it was read at was changed after its batch's approval: it is left as it is, for the caller to restore.
     */
    private static IOException extendForced(Path moved, NewFile file) {
        try (FileChannel channel = FileChannel.open(moved, StandardOpenOption.WRITE)) {
            if (channel.size() != file.originalLength()) {
                return new ChangedAfterReading(file.original() + " changed after it was read (" + channel.size() + " bytes, "
                        + file.originalLength() + " read)");
            }
            ByteBuffer added = ByteBuffer.wrap(file.content(), file.originalLength(), file.content().length - file.originalLength());
            long position = file.originalLength();
            while (added.hasRemaining()) {
                position += channel.write(added, position);
            }
            channel.force(true);
            return null;
        } catch (IOException e) {
            return e;
        } catch (RuntimeException e) {
            return new IOException(e.toString(), e);
        }
    }

    /** A moved original whose length is not the length it was read at: nothing was appended, nothing is cut. */
    private static final class ChangedAfterReading extends IOException {
        ChangedAfterReading(String message) {
            super(message);
        }
    }

    /**
     * Puts a moved original back: cut to the length it had (unless negative: nothing was appended), forced, and given
     * its old name again (by a link, which never takes a name from another file). Null when it is back; else why not,
     * and it stays where it is, uncut when its old name is taken.
     */
    private static IOException restore(Path moved, Path original, long length) {
        try {
            if (isTaken(original)) {
                throw new FileAlreadyExistsException(original.toString(), null, "a file of that name was put there since");
            }
            if (length >= 0) {
                try (FileChannel channel = FileChannel.open(moved, StandardOpenOption.WRITE)) {
                    if (channel.size() > length) {
                        channel.truncate(length);
                    }
                    channel.force(true);
                }
            }
            Files.createLink(original, moved);
            Files.delete(moved);
            forceFolder(original.getParent());
            return null;
        } catch (IOException | RuntimeException e) {
            return new IOException("the original could not be put back to " + original + " and is kept as " + moved + ": " + e, e);
        }
    }

    private static void forceFolder(Path dir) {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // not every file system lets a folder be forced; the files themselves are
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next attempt truncates it, and the finished batch removes what is left
        }
    }

    /** Writes a file Signet owns (a report, a semaphore): under a temporary name, then renamed over the old one. */
    public static void write(Path target, byte[] content) throws IOException {
        Path temporary = temporary(target);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = Channels.newOutputStream(channel)) {
                out.write(content);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
