package org.signet.hotfolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A root's error folder: a file that failed goes to {@code <error>/<batch>/} with {@code <file>.error.txt} beside it. */
final class ErrorFolder {

    private ErrorFolder() { }

    /** Moves the file to the error folder with the reason next to it; the ledger entry is the caller's to record. */
    static BatchLedger.Entry fail(HotFolder folder, Batch batch, String fileName, Path input, String why) {
        String reason = why;
        if (input != null && HotFolderNames.isPlainFile(input)) {
            try {
                Path errorDir = HotFolderNames.plainFolder(folder.error(), batch.name());
                Path target = HotFolderNames.child(errorDir, fileName);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !HotFolderNames.isPlainFile(target)) {
                    throw new IOException(target + " is not a plain file: Signet does not replace it");
                }
                // a plain file of that name is this file's earlier failure (the batch was tried again): replaced
                Files.move(input, target, StandardCopyOption.REPLACE_EXISTING);
                OutputFiles.write(HotFolderNames.child(errorDir, fileName + ".error.txt"), (why + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                reason = why + " (the file stays in the batch folder: it could not be moved to the error folder: " + e + ")";
            }
        }
        return new BatchLedger.Entry(fileName, BatchItem.Status.FAILED, null, null, reason);
    }
}
