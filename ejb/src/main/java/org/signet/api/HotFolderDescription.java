package org.signet.api;

import org.signet.hotfolder.HotFolderSpec;

/**
 * A watched root folder and its options, as given and as shown. Absent options take their defaults: level B,
 * semaphores APPROVED and READY, every file, any card, no stamp, originals removed once signed, run as the admin,
 * outputs entered into the archive (unless the seal's are not), not kept whole in its store (unless the seal's are).
 * With {@code workflow} (a template's name) each document of a batch starts a workflow instead of being signed.
 */
public record HotFolderDescription(String name, String root, String out, String error, String format, String level, String seal,
                                   String runAs, String cards, String stampText, String approvalFile, String readyFile,
                                   String filter, Boolean keepOriginals, Boolean archive,
                                   Boolean keepDocuments, String workflow) {

    public static HotFolderDescription of(HotFolderSpec spec) {
        return new HotFolderDescription(spec.name(), spec.root(), spec.out(), spec.error(), spec.format(), spec.level(), spec.seal(),
                spec.runAs(), spec.cards(), spec.stampText(), spec.approvalFile(), spec.readyFile(), spec.filter(),
                spec.keepOriginals(), spec.archive(), spec.keepDocuments(), spec.workflow());
    }

    /** The hot folder named {@code name}: a REST caller names it in the path, not in the body. */
    public HotFolderSpec spec(String name) {
        return new HotFolderSpec(name, root, out, error, format, level, seal, runAs, cards, stampText, approvalFile, readyFile,
                filter, keepOriginals, archive, keepDocuments, workflow);
    }
}
