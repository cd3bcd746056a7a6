package org.signet.hotfolder;

/**
 * A hot folder as the admin faces give and show it. Absent options take their defaults: level B, semaphores
 * APPROVED and READY, every file, any card, no stamp, originals removed once signed, run as the admin who adds it,
 * outputs entered into the archive, not kept whole in its store.
 */
public record HotFolderSpec(String name, String root, String out, String error, String format, String level, String seal,
                            String runAs, String cards, String stampText, String approvalFile, String readyFile, String filter,
                            Boolean keepOriginals, Boolean archive, Boolean keepDocuments) {

    static HotFolderSpec of(HotFolder folder) {
        return new HotFolderSpec(folder.name(), folder.root().toString(), folder.outgoing().toString(), folder.error().toString(),
                folder.format().name(), folder.level().name(), folder.seal(), folder.runAs(), folder.cards(), folder.stampText(),
                folder.approvalFile(), folder.readyFile(), folder.filter(), folder.keepOriginals(),
                folder.archived(), folder.keepsDocuments());
    }
}
