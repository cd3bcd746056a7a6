package org.signet.hotfolder;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.eclipse.persistence.annotations.PrimaryKey;

import java.io.Serializable;
import java.util.Objects;

/**
 * One file of a batch: SIGNED (recorded once its output has its name) or FAILED. WRITING is what earlier builds
 * of Signet recorded before renaming an output into place; a batch begun by such a build and resumed by this one
 * still takes an output found under that name as its own.
 * <p>
 * Keyed by batch and file name, and by nothing else: the key's one index serves the look-up of a file, a batch's
 * report and its counts, so that each file costs one index insert. (Until schema 9 the rows were in
 * SIGNET_BATCH_ITEM under a joined string key with a second index by batch and status: two index inserts of long keys
 * per file, half of the ledger's cost.)
 */
@Entity
@Cacheable(false)
@IdClass(BatchItem.Key.class)
// The key's column order, which JPA cannot say: by batch first, or a batch's look-ups would scan the whole table.
@PrimaryKey(columns = {@Column(name = "BATCH_ID"), @Column(name = "FILE_NAME")})
@Table(name = "SIGNET_BATCH_FILE")
public class BatchItem {

    public enum Status { WRITING, SIGNED, FAILED }

    /** The primary key's class, as JPA wants it for a key of two columns. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String batchId;
        private String fileName;

        public Key() { }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(batchId, key.batchId)
                    && Objects.equals(fileName, key.fileName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(batchId, fileName);
        }
    }

    @Id
    @Column(name = "BATCH_ID", length = 64, nullable = false)
    private String batchId;

    @Id
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
        this.batchId = batchId;
        this.fileName = fileName;
        update(status, output, outputSha256, error);
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
