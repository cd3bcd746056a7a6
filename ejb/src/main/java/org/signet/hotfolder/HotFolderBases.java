package org.signet.hotfolder;

import org.signet.config.SignetConfiguration;
import org.signet.model.SignetException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an admin may put a hot folder: only under the base folders of the server configuration
 * ({@value SignetConfiguration#HOT_FOLDER_BASES}), never in or around the server's own directories (a batch there
 * would hand out key stores and credentials as "results"). Missing folders are made one level at a time below the
 * base, and no symbolic link is followed on the way, so a planted link cannot lead a root elsewhere.
 */
public final class HotFolderBases {

    private final List<Path> bases;
    /** The server's directories as named and as they really are (one may be a link), resolved once. */
    private final List<Path> serverDirectories;

    HotFolderBases(List<Path> bases, List<Path> serverDirectories) {
        this.bases = bases;
        this.serverDirectories = withRealPaths(serverDirectories);
    }

    public static HotFolderBases of(SignetConfiguration configuration) {
        return new HotFolderBases(configuration.hotFolderBases(), configuration.serverDirectories());
    }

    /** The folder an admin named, made if missing, as its real path; refused when it leaves the bases. */
    public Path folder(String text, String what) {
        Path path = absolute(text, what);
        if (bases.isEmpty()) {
            throw invalid("this server allows no hot folders: its operator names the folders they may lie under in "
                    + SignetConfiguration.HOT_FOLDER_BASES);
        }
        Path base = bases.stream().filter(path::startsWith).findFirst().orElseThrow(() -> invalid("the " + what + " folder "
                + path + " is not under a folder this server allows for hot folders (" + SignetConfiguration.HOT_FOLDER_BASES + ")"));
        Path real;
        try {
            Path baseReal = base.toRealPath();
            // checked before anything is made: nothing is created in the server's directories either
            requireApartFromServer(path, what);
            requireApartFromServer(baseReal.resolve(base.relativize(path)), what);
            real = baseReal;
            for (Path name : base.relativize(path)) {
                real = real.resolve(name);
                if (Files.isSymbolicLink(real)) {
                    throw invalid("the " + what + " folder " + path + " passes through the symbolic link " + real + ", which Signet does not follow");
                }
                if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(real);
                } else if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                    throw invalid("the " + what + " folder " + path + " passes through " + real + ", which is not a folder");
                }
            }
        } catch (IOException e) {
            throw invalid("the " + what + " folder " + path + " cannot be made: " + e.getMessage());
        }
        if (!Files.isWritable(real)) {
            throw invalid("the server cannot write to the " + what + " folder " + real);
        }
        return real;
    }

    /** Why folders kept from earlier may no longer be served (the configuration changed since), or null. */
    String refusal(List<Path> folders) {
        try {
            for (Path folder : folders) {
                if (bases.stream().noneMatch(folder::startsWith)) {
                    throw invalid(folder + " is not under a folder this server allows for hot folders (" + SignetConfiguration.HOT_FOLDER_BASES + ")");
                }
                requireApartFromServer(folder, "hot folder's");
            }
            return null;
        } catch (SignetException e) {
            return e.getMessage();
        }
    }

    private static Path absolute(String text, String what) {
        try {
            Path path = Path.of(text);
            if (path.isAbsolute()) {
                return path.normalize();
            }
        } catch (RuntimeException e) {
            throw invalid("the " + what + " folder '" + text + "' is not a path");
        }
        throw invalid("the " + what + " folder must be an absolute path, not '" + text + "'");
    }

    private void requireApartFromServer(Path folder, String what) {
        for (Path own : serverDirectories) {
            if (folder.startsWith(own) || own.startsWith(folder)) {
                throw invalid("the " + what + " folder " + folder + (folder.startsWith(own) ? " lies in " : " holds ")
                        + "the server's own directory " + own + "; hot folders must keep apart from it");
            }
        }
    }

    private static List<Path> withRealPaths(List<Path> directories) {
        List<Path> real = new ArrayList<>();
        for (Path directory : directories) {
            real.add(directory);
            try {
                real.add(directory.toRealPath());
            } catch (IOException e) {
                // not made yet: as named
            }
        }
        return List.copyOf(real);
    }

    private static SignetException invalid(String message) {
        return new SignetException(SignetException.Kind.INVALID_INPUT, message);
    }
}
