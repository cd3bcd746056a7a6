package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.primefaces.model.file.UploadedFile;
import org.signet.model.SignetException;
import org.signet.verification.VerificationReport;
import org.signet.verification.VerificationService;

import java.io.Serializable;

/** Upload a signed file (and its detached signature, if it has one) and see each signature's status, as the API reports it. */
@Named
@ViewScoped
public class VerifyDocument implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient VerificationService verification;

    private transient UploadedFile document;
    private transient UploadedFile signature;
    private transient VerificationReport report;

    public void verify() {
        FacesContext faces = FacesContext.getCurrentInstance();
        report = null;
        if (document == null || document.getSize() == 0) {
            Pages.refusal(new SignetException(SignetException.Kind.INVALID_INPUT, Pages.text(faces, "verify.noFile")));
            return;
        }
        try {
            byte[] detached = signature == null || signature.getSize() == 0 ? null : signature.getContent();
            report = verification.verify(document.getContent(), document.getFileName(), detached);
        } catch (SignetException e) {
            Pages.refusal(e);
        }
    }

    public VerificationReport getReport() {
        return report;
    }

    public UploadedFile getDocument() {
        return document;
    }

    public void setDocument(UploadedFile document) {
        this.document = document;
    }

    public UploadedFile getSignature() {
        return signature;
    }

    public void setSignature(UploadedFile signature) {
        this.signature = signature;
    }
}
