package org.signet.hotfolder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

    /** Writes a new file: under a temporary name, forced to disk, then renamed; refuses to replace one. */
    public static void writeNew(Path target, byte[] content) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "Signet does not overwrite an existing output");
        }
        write(target, content);
    }

    /** An output to write with {@link #writeAllNew}. */
    public record NewFile(Path target, byte[] content) { }

    /**
     * Writes several new files into one folder as {@link #writeNew} writes one, but forces them to disk together
     * (one flush per file costs about a millisecond here; after all are written, a third of that) and then the
     * folder, so that the renames are durable too.
     *
     * @return the files that could not be written, with why; none of them is left half-written
     */
    public static java.util.Map<Path, IOException> writeAllNew(Path dir, java.util.List<NewFile> files) {
        java.util.Map<Path, IOException> failed = new java.util.HashMap<>();
        java.util.Map<Path, FileChannel> open = new java.util.LinkedHashMap<>();
        try {
            for (NewFile file : files) {
                Path temporary = temporary(file.target());
                FileChannel channel = null;
                try {
                    channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                    open.put(file.target(), channel);
                    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(file.content());
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                } catch (IOException e) {
                    failed.put(file.target(), e);
                    open.remove(file.target());
                    closeQuietly(channel);
                    deleteQuietly(temporary);
                }
            }
            for (var each : open.entrySet()) {
                Path target = each.getKey();
                Path temporary = temporary(target);
                try (FileChannel channel = each.getValue()) {
                    channel.force(true);
                } catch (IOException e) {
                    failed.put(target, e);
                    deleteQuietly(temporary);
                    continue;
                }
                try {
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        throw new FileAlreadyExistsException(target.toString(), null, "Signet does not overwrite an existing output");
                    }
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    failed.put(target, e);
                    deleteQuietly(temporary);
                }
            }
        } finally {
            open.values().forEach(HotFolderPaths::closeQuietly);
        }
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // not every file system lets a folder be forced; the files themselves are
        }
        return failed;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing after a failure that is reported already
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
