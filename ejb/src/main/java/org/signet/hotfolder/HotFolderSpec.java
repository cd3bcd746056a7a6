package org.signet.hotfolder;

/**
 * A hot folder as the admin faces give and show it. Absent options take their defaults: level B, semaphores
 * APPROVED and READY, every file, any card, no stamp, originals removed once signed, run as the admin who adds it,
 * outputs entered into the archive, not kept whole in its store. A root with a {@code workflow} (a template's name)
 * signs nothing itself: each document of a batch starts a workflow from the template, and the root names no seal,
 * level, cards or stamp.
 */
public record HotFolderSpec(String name, String root, String out, String error, String format, String level, String seal,
                            String runAs, String cards, String stampText, String approvalFile, String readyFile, String filter,
                            Boolean keepOriginals, Boolean archive, Boolean keepDocuments, String workflow) {

    static HotFolderSpec of(HotFolder folder) {
        boolean signs = folder.workflow() == null;
        return new HotFolderSpec(folder.name(), folder.root().toString(), folder.outgoing().toString(), folder.error().toString(),
                folder.format().name(), signs ? folder.level().name() : null, folder.seal(), folder.runAs(), folder.cards(), folder.stampText(),
                folder.approvalFile(), folder.readyFile(), folder.filter(), folder.keepOriginals(),
                folder.archived(), folder.keepsDocuments(), folder.workflow());
    }
}
