package org.signet.archive;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.signet.model.SignatureFormat;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A signed output in the archive's journal: its SHA-256 and where it came from. Until the day's tree is sealed it has
 * no tree; then it has its tree and its leaf there, from which its evidence record is made.
 */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_ARCHIVE_ENTRY", indexes = {
        @Index(name = "SIGNET_ARCHIVE_ENTRY_SHA256", columnList = "DOCUMENT_SHA256"),
        @Index(name = "SIGNET_ARCHIVE_ENTRY_TREE", columnList = "TREE_ID"),
        @Index(name = "SIGNET_ARCHIVE_ENTRY_BATCH", columnList = "BATCH_NAME, DOCUMENT_NAME")})
public class ArchiveEntry {

    /** The statements of the journal's hot paths, written as JDBC batches (the benchmark runs them too). */
    public static final String INSERT = "INSERT INTO SIGNET_ARCHIVE_ENTRY (DOCUMENT_SHA256, ENTERED_AT, ACTOR, SEAL_NAME,"
            + " DOCUMENT_NAME, FORMAT, BATCH_NAME) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** The format of an entry that a verification entered: a signature made elsewhere, found valid here. */
    public static final String VERIFIED = "VERIFIED";
    /** The format of the entry of a signature value on its own (its SHA-256 is the signature's id). */
    public static final String SIGNATURE_VALUE = "SIGNATURE_VALUE";
    /** The same for an XML file, whose RFC 6283 record would cover its canonical form, not its bytes. */
    public static final String VERIFIED_XML = "VERIFIED_XML";
    public static final String SELECT_WAITING = "SELECT ID, DOCUMENT_SHA256 FROM SIGNET_ARCHIVE_ENTRY WHERE TREE_ID IS NULL ORDER BY ID";
    public static final String SET_LEAF = "UPDATE SIGNET_ARCHIVE_ENTRY SET TREE_ID = ?, LEAF = ? WHERE ID = ? AND TREE_ID IS NULL";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    @Column(name = "DOCUMENT_SHA256", length = 64, nullable = false)
    private String documentSha256;

    @Column(name = "ENTERED_AT", nullable = false)
    private Instant enteredAt;

    @Column(name = "ACTOR", length = 128, nullable = false)
    private String actor;

    @Column(name = "SEAL_NAME", length = 128)
    private String sealName;

    @Column(name = "DOCUMENT_NAME", length = 255)
    private String documentName;

    @Column(name = "FORMAT", length = 16)
    private String format;

    /** The hot-folder batch ("folder/batch") the document was signed in; null outside a batch. */
    @Column(name = "BATCH_NAME", length = 200)
    private String batch;

    @Column(name = "TREE_ID")
    private Long treeId;

    @Column(name = "LEAF")
    private Integer leaf;

    protected ArchiveEntry() { }

    /** What a signing enters: the output's hash and its provenance (the name the document came with, its batch). */
    public record New(String documentSha256, Instant at, String actor, String seal, String documentName, String format,
                      String batch) {

        public void bind(PreparedStatement insert) throws SQLException {
            insert.setString(1, documentSha256);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setString(3, actor);
            insert.setString(4, seal);
            insert.setString(5, documentName == null || documentName.length() <= 255 ? documentName : documentName.substring(0, 255));
            insert.setString(6, format);
            insert.setString(7, batch);
        }
    }

    public long id() {
        return id;
    }

    public String documentSha256() {
        return documentSha256;
    }

    public Instant enteredAt() {
        return enteredAt;
    }

    public String actor() {
        return actor;
    }

    public String sealName() {
        return sealName;
    }

    public String documentName() {
        return documentName;
    }

    public String format() {
        return format;
    }

    /** Whether the archived file is XML (signed as XAdES here, or verified here as an XML file). */
    public boolean xml() {
        return SignatureFormat.XADES.name().equals(format) || VERIFIED_XML.equals(format);
    }

    public String batch() {
        return batch;
    }

    public Long treeId() {
        return treeId;
    }

    public Integer leaf() {
        return leaf;
    }
}
