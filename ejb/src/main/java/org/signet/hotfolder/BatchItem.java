package org.signet.hotfolder;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One file of a batch: SIGNED (recorded once its output has its name) or FAILED. WRITING is what earlier builds
 * of Signet recorded before renaming an output into place; a batch begun by such a build and resumed by this one
 * still takes an output found under that name as its own.
 */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_BATCH_ITEM")
public class BatchItem {

    public enum Status { WRITING, SIGNED, FAILED }

    /** The batch's id, a slash and the file name. */
    @Id
    @Column(name = "ID", length = 400)
    private String id;

    @Column(name = "BATCH_ID", length = 64, nullable = false)
    private String batchId;

    @Column(name = "FILE_NAME", length = 255, nullable = false)
    private String fileName;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 16, nullable = false)
    private Status status;

    /** The output's name in {@code <outgoing>/<batch>/}. */
    @Column(name = "OUTPUT_NAME", length = 300)
    private String output;

    /** SHA-256 of the signature file (the signed PDF or XML, or the .p7s): identifies the signature in the report. */
    @Column(name = "OUTPUT_SHA256", length = 64)
    private String outputSha256;

    @Column(name = "ERROR_TEXT", length = 2000)
    private String error;

    protected BatchItem() { }

    BatchItem(String batchId, String fileName, Status status, String output, String outputSha256, String error) {
        this.id = id(batchId, fileName);
        this.batchId = batchId;
        this.fileName = fileName;
        update(status, output, outputSha256, error);
    }

    static String id(String batchId, String fileName) {
        return batchId + "/" + fileName;
    }

    void update(Status newStatus, String newOutput, String sha256, String why) {
        this.status = newStatus;
        this.output = newOutput;
        this.outputSha256 = sha256;
        this.error = why == null ? null : why.length() > 2000 ? why.substring(0, 2000) : why;
    }

    public String fileName() { return fileName; }

    public Status status() { return status; }

    public String output() { return output; }

    public String outputSha256() { return outputSha256; }

    public String error() { return error; }
}
