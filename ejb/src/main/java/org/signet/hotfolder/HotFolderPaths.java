package org.signet.hotfolder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Folder and file names in hot folders are never trusted: a name is one plain path element (no separator, no
 * leading dot, so no ".." either), links are not followed, and outputs are written under a temporary name and
 * renamed into place only when complete, never over an existing file.
 */
public final class HotFolderPaths {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._+,()@=-]{0,199}");

    private HotFolderPaths() { }

    public static boolean isSafeName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.endsWith(".signet-part");
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
        IOException failure = linkAllNew(target.getParent(), List.of(new NewFile(target, content)), Runnable::run).get(target);
        if (failure != null) {
            throw failure;
        }
        removeTemporaries(List.of(target));
    }

    /** An output to write with {@link #linkAllNew}. */
    public record NewFile(Path target, byte[] content) { }

    /**
     * Writes several new files into one folder, each under a temporary name and forced to disk, then gives each its
     * name by a hard link (never over an existing file) and forces the folder, so that the names are durable too. The
     * writes and flushes run on {@code io}: flushes of different files overlap, and the file system commits them
     * together (a flush costs about 0.65 ms a file one after the other here, 0.26 ms with eight at a time).
     * <p>
     * The temporary names stay linked to the outputs until {@link #removeTemporaries}: until then a crash leaves the
     * proof that an output is Signet's own ({@link #isLinkedFromTemporary}), which lets a caller record the outputs
     * once, after they are in place, rather than once before and once after.
     *
     * @return the files that could not be written, with why; none of them is left half-written or named
     */
    public static Map<Path, IOException> linkAllNew(Path dir, List<NewFile> files, Executor io) {
        return linkAllNewAsync(dir, files, io).join();
    }

    /**
     * {@link #linkAllNew} without waiting: the names are given on {@code io} once every file is written, and the future
     * completes after the folder is forced.
     */
    public static CompletableFuture<Map<Path, IOException>> linkAllNewAsync(Path dir, List<NewFile> files, Executor io) {
        List<CompletableFuture<IOException>> written = new ArrayList<>(files.size());
        for (NewFile file : files) {
            written.add(CompletableFuture.supplyAsync(() -> writeForced(temporary(file.target()), file.content()), io));
        }
        return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).thenApply(all -> name(dir, files, written));
    }

    private static Map<Path, IOException> name(Path dir, List<NewFile> files, List<CompletableFuture<IOException>> written) {
        Map<Path, IOException> failed = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            Path target = files.get(i).target();
            IOException problem = written.get(i).join();
            if (problem == null) {
                try {
                    linkWithoutReplacing(temporary(target), target);
                } catch (IOException e) {
                    problem = e;
                }
            }
            if (problem != null) {
                failed.put(target, problem);
                deleteQuietly(temporary(target));
            }
        }
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // not every file system lets a folder be forced; the files themselves are
        }
        return failed;
    }

    /** Ends {@link #linkAllNew} for outputs that are recorded: their temporary names go. */
    public static void removeTemporaries(List<Path> targets) {
        for (Path target : targets) {
            temporary(target).toFile().delete(); // a name left over is removed when the batch ends
        }
    }

    /**
     * Whether the output was named by {@link #linkAllNew} and not yet recorded: its temporary name is a second name
     * of the same file. (Nothing else writes Signet's temporary names, and an output made by somebody else is a
     * different file.)
     */
    public static boolean isLinkedFromTemporary(Path target) {
        Path temporary = temporary(target);
        try {
            return isPlainFile(temporary) && isPlainFile(target) && Files.isSameFile(temporary, target);
        } catch (IOException e) {
            return false;
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
        return target.resolveSibling("." + target.getFileName() + ".signet-part");
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
                    StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
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
