package org.signet.hotfolder;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;

import java.nio.file.Path;

/**
 * A watched root folder and its options. Each sub-folder of the root is a batch; it is signed when the producer's
 * approval file appears in it, and its results go to {@code <outgoing>/<batch>/}, failures to {@code <error>/<batch>/}.
 * Signatures are made for {@code runAs}, a user the admin named, who must be authorised for the seal.
 */
@Entity
@Table(name = "SIGNET_HOT_FOLDER")
public class HotFolder {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "ROOT_DIR", length = 1000, nullable = false)
    private String root;

    @Column(name = "OUT_DIR", length = 1000, nullable = false)
    private String outgoing;

    @Column(name = "ERROR_DIR", length = 1000, nullable = false)
    private String error;

    @Enumerated(EnumType.STRING)
    @Column(name = "FORMAT", length = 8, nullable = false)
    private SignatureFormat format;

    @Enumerated(EnumType.STRING)
    @Column(name = "SIG_LEVEL", length = 8, nullable = false)
    private SignatureLevel level;

    /** None for a root that starts workflows: their signers sign. */
    @Column(name = "SEAL", length = 64)
    private String seal;

    @Column(name = "RUN_AS", length = 64, nullable = false)
    private String runAs;

    /** Which cards the root's batches may use: null any, "none", or card names separated by commas. */
    @Column(name = "CARDS", length = 500)
    private String cards;

    /** PAdES only: a visible stamp with this text template; null for an invisible signature. */
    @Column(name = "STAMP_TEXT", length = 1000)
    private String stampText;

    @Column(name = "APPROVAL_FILE", length = 100, nullable = false)
    private String approvalFile;

    @Column(name = "READY_FILE", length = 100, nullable = false)
    private String readyFile;

    /** A glob over file names, e.g. "*.pdf"; null for every file. */
    @Column(name = "FILE_FILTER", length = 200)
    private String filter;

    @Column(name = "KEEP_ORIGINALS", nullable = false)
    private boolean keepOriginals;

    /** Whether its outputs enter the archive (if the seal's do); absent (a folder older than the switch): they do. */
    @Column(name = "ARCHIVED")
    private Boolean archived;

    /** Whether its outputs are also kept whole in the archive's store; absent: not. */
    @Column(name = "KEEP_DOCUMENTS")
    private Boolean keepDocuments;

    /** The workflow template each document of a batch starts (the root then signs nothing itself). */
    @Column(name = "WORKFLOW_TEMPLATE", length = 64)
    private String workflow;

    /** Set in the server configuration: applied at each start, and not changed or removed through the API. */
    @Column(name = "CONFIGURED")
    private Boolean configured;

    protected HotFolder() { }

    public HotFolder(String name, Path root, Path outgoing, Path error, SignatureFormat format, SignatureLevel level, String seal,
                     String runAs, String cards, String stampText, String approvalFile, String readyFile, String filter,
                     boolean keepOriginals, boolean archived, boolean keepDocuments, String workflow) {
        this.name = name;
        this.root = root.toString();
        this.outgoing = outgoing.toString();
        this.error = error.toString();
        this.format = format;
        this.level = level;
        this.seal = seal;
        this.runAs = runAs;
        this.cards = cards;
        this.stampText = stampText;
        this.approvalFile = approvalFile;
        this.readyFile = readyFile;
        this.filter = filter;
        this.keepOriginals = keepOriginals;
        this.archived = archived;
        this.keepDocuments = keepDocuments;
        this.workflow = workflow;
    }

    public String name() { return name; }

    public Path root() { return Path.of(root); }

    public Path outgoing() { return Path.of(outgoing); }

    public Path error() { return Path.of(error); }

    public SignatureFormat format() { return format; }

    public SignatureLevel level() { return level; }

    public String seal() { return seal; }

    public String runAs() { return runAs; }

    public String cards() { return cards; }

    public String stampText() { return stampText; }

    public String approvalFile() { return approvalFile; }

    public String readyFile() { return readyFile; }

    public String filter() { return filter; }

    public boolean keepOriginals() { return keepOriginals; }

    public boolean archived() { return !Boolean.FALSE.equals(archived); }

    public boolean keepsDocuments() { return Boolean.TRUE.equals(keepDocuments); }

    public String workflow() { return workflow; }

    public boolean configured() { return Boolean.TRUE.equals(configured); }

    void configured(boolean fromConfiguration) { this.configured = fromConfiguration; }
}
