package org.signet.archive;

/**
 * Whether what a signing run makes enters the archive (where its seal's outputs do), whether it is kept whole in the
 * archive's store (also where its seal says so), and the hot-folder batch it belongs to ("folder/batch"), by which its
 * evidence records are found again with the file's name.
 */
public record ArchiveUse(boolean enter, boolean keep, String batch) {

    /** A document signed on its own (SOAP, REST, the command line): entered as its seal says, in no batch. */
    public static final ArchiveUse DOCUMENT = new ArchiveUse(true, false, null);

    public static ArchiveUse batch(String hotFolder, String batch, boolean enter, boolean keep) {
        return new ArchiveUse(enter, keep, batchName(hotFolder, batch));
    }

    static String batchName(String hotFolder, String batch) {
        return hotFolder + "/" + batch;
    }
}
