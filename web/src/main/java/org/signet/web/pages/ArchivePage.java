package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.primefaces.model.file.UploadedFile;
import org.signet.archive.ArchiveService;
import org.signet.archive.EvidenceForm;

import java.io.Serializable;
import java.util.List;

/**
 * The archive for anyone signed in: how many entries its time-stamped trees hold and how many wait for the next one,
 * the newest trees with their time-stamp and hash-tree renewals;
 * a signed document's evidence record (RFC 4998, or RFC 6283 XML) downloaded by uploading the document, for those who
 * may see it (its signer, or an admin), as the API answers.
 */
@Named
@ViewScoped
public class ArchivePage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient ArchiveService archive;

    private transient UploadedFile document;
    private String form = EvidenceForm.DER.name();
    private transient ArchiveService.ArchiveState state;
    private transient List<ArchiveService.TreeState> trees;

    public ArchiveService.ArchiveState getState() {
        if (state == null) {
            state = Pages.read(archive::state, null); // once per page view: it counts the archive's entries
        }
        return state;
    }

    /** The newest sealed trees (a month of daily ones) with the renewals that keep their evidence alive. */
    public List<ArchiveService.TreeState> getTrees() {
        if (trees == null) {
            trees = Pages.read(() -> archive.recentTrees(31), List.of());
        }
        return trees;
    }

    public void evidence() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (document == null || document.getSize() == 0) {
            Pages.noFile("verify.noFile");
            return;
        }
        EvidenceForm chosen = EvidenceForm.valueOf(form);
        byte[] record = Pages.read(() -> archive.evidenceRecord(document.getContent(), chosen), null);
        if (record != null) {
            Pages.download(chosen.mediaType(), document.getFileName() + chosen.extension(), record);
        }
    }

    public UploadedFile getDocument() {
        return document;
    }

    public void setDocument(UploadedFile document) {
        this.document = document;
    }

    public String getForm() {
        return form;
    }

    public void setForm(String form) {
        this.form = form;
    }
}
