package org.signet.hotfolder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Originals that become their outputs: a PDF gaining a revision is renamed next to its output and extended in place
 * rather than copied. The length it had is in its temporary name, so a crash recovery can cut it back and put it
 * where it was.
 */
final class MovedOriginals {

    private MovedOriginals() { }

    /**
     * Moves the originals that may become their outputs next to them, one by one, then forces the folders once: the
     * moved path of each file, or null for one to be copied.
     */
    static List<Path> moveOriginals(Path dir, List<OutputFiles.NewFile> files) {
        List<Path> moved = new ArrayList<>(files.size());
        Set<Path> folders = new HashSet<>();
        for (OutputFiles.NewFile file : files) {
            Path to = null;
            if (file.original() != null && file.movable() && isSoleName(file.original())) {
                Path candidate = HotFolderNames.movedName(file.target(), file.originalLength());
                try {
                    if (!OutputFiles.isTaken(candidate)) {
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
            folders.forEach(OutputFiles::forceFolder);
        }
        return moved;
    }

    /** A regular file with no other hard link: appending to it changes nothing but this name's content. */
    private static boolean isSoleName(Path original) {
        try {
            return HotFolderNames.isPlainFile(original) && ((Number) Files.getAttribute(original, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() == 1;
        } catch (IOException | RuntimeException e) {
            return false; // no unix attributes: copied
        }
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
                problem = restore(moved.path(), HotFolderNames.child(inDir, moved.name()), moved.length());
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

    /** The moved originals in a folder: all of them, or those that would become the output {@code name}. */
    static List<Path> movedNames(Path dir, String name) {
        List<Path> found = new ArrayList<>();
        if (dir == null || !HotFolderNames.isPlainDirectory(dir)) {
            return found;
        }
        DirectoryStream.Filter<Path> filter = entry -> {
            String entryName = entry.getFileName().toString();
            return entryName.endsWith(HotFolderNames.MOVED) && (name == null || entryName.startsWith("." + name + "."));
        };
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, filter)) {
            entries.forEach(found::add);
        } catch (IOException e) {
            // an unreadable folder has none that Signet could use
        }
        return found;
    }

    /** An original moved to become its output: under which name, its length, and whether the output has that name. */
    record Moved(Path path, String name, long length, boolean named) { }

    static List<Moved> movedOriginals(Path outDir) {
        List<Moved> found = new ArrayList<>();
        for (Path moved : movedNames(outDir, null)) {
            Matcher name = HotFolderNames.MOVED_NAME.matcher(moved.getFileName().toString());
            if (name.matches() && HotFolderNames.isPlainFile(moved)) {
                found.add(new Moved(moved, name.group(1), Long.parseLong(name.group(2)),
                        OutputFiles.isSameFile(moved, outDir.resolve(name.group(1)))));
            }
        }
        return found;
    }

    /**
     * Appends to a moved original what its output adds, and forces it; null when done, else why not. A file that is not
     * the length it was read at was changed after its batch's approval: it is left as it is, for the caller to restore.
     */
    static IOException extendForced(Path moved, OutputFiles.NewFile file) {
        try (FileChannel channel = FileChannel.open(moved, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            if (channel.size() != file.originalLength()) {
                return new ChangedAfterReading(file.original() + " changed after it was read (" + channel.size() + " bytes, "
                        + file.originalLength() + " read)");
            }
            ByteBuffer added = file.added();
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
    static final class ChangedAfterReading extends IOException {
        ChangedAfterReading(String message) {
            super(message);
        }
    }

    /**
     * Puts a moved original back: cut to the length it had (unless negative: nothing was appended), forced, and given
     * its old name again (by a link, which never takes a name from another file). Null when it is back; else why not,
     * and it stays where it is, uncut when its old name is taken.
     */
    static IOException restore(Path moved, Path original, long length) {
        try {
            if (OutputFiles.isTaken(original)) {
                throw new FileAlreadyExistsException(original.toString(), null, "a file of that name was put there since");
            }
            if (length >= 0) {
                // a planted link under a moved name would have its target cut: opened without following links
                try (FileChannel channel = FileChannel.open(moved, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    if (channel.size() > length) {
                        channel.truncate(length);
                    }
                    channel.force(true);
                }
            }
            Files.createLink(original, moved);
            Files.delete(moved);
            OutputFiles.forceFolder(original.getParent());
            return null;
        } catch (IOException | RuntimeException e) {
            return new IOException("the original could not be put back to " + original + " and is kept as " + moved + ": " + e, e);
        }
    }
}
