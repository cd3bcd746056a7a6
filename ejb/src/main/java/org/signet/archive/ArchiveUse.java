package org.signet.archive;

/**
 * Whether what a signing run makes enters the archive (where its seal's outputs do), and the hot-folder batch it
 * belongs to ("folder/batch"), by which its evidence records are found again with the file's name.
 */
public record ArchiveUse(boolean enter, String batch) {

    /** A document signed on its own (SOAP, REST, the command line): entered, in no batch. */
    public static final ArchiveUse DOCUMENT = new ArchiveUse(true, null);

    public static ArchiveUse batch(String hotFolder, String batch, boolean enter) {
        return new ArchiveUse(enter, batchName(hotFolder, batch));
    }

    static String batchName(String hotFolder, String batch) {
        return hotFolder + "/" + batch;
    }
}
