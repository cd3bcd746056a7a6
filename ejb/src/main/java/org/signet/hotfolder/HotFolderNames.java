package org.signet.hotfolder;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Folder and file names in hot folders are never trusted: a name is one plain path element (no separator, no
 * leading dot, so no ".." either), and links are not followed. Signet's own temporary names (an output being
 * written, an original being turned into its output) begin with a dot, so no caller's name is one of them.
 */
public final class HotFolderNames {

    private HotFolderNames() { }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._+,()@=-]{0,199}");

    /** Signet's temporary names: an output being written, and an original being turned into its output. */
    static final String PART = ".signet-part";

    static final String MOVED = ".signet-moved";

    /** {@code .<name>.<length of the original>.signet-moved}: the length is what a crash recovery cuts the file back to. */
    static final Pattern MOVED_NAME = Pattern.compile("\\.(.+)\\.(\\d{1,10})\\.signet-moved");

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

    /**
     * {@code parent/name} as a folder of its own (a batch's in the outgoing or error folder): made when missing, and
     * refused when something else has the name (a link planted there would lead outputs elsewhere).
     */
    static Path plainFolder(Path parent, String name) throws IOException {
        Path dir = child(parent, name);
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!isPlainDirectory(dir)) {
                throw new IOException(dir + " is not a plain folder (a link or a file): Signet neither follows nor replaces it");
            }
        }
        return dir;
    }

    public static boolean isPlainDirectory(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    public static boolean isPlainFile(Path path) {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }

    static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + PART);
    }

    static Path movedName(Path target, long originalLength) {
        return target.resolveSibling("." + target.getFileName() + "." + originalLength + MOVED);
    }

    static boolean isMoved(Path temporary) {
        return temporary.getFileName().toString().endsWith(MOVED);
    }
}
