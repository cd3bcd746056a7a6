package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.primefaces.model.file.UploadedFile;
import org.signet.model.SignetException;
import org.signet.verification.VerificationReport;
import org.signet.verification.VerificationService;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Upload a signed file (and its detached signature, if it has one) and see each signature's status, as the API reports
 * it; on the public page (where the server offers it) for anyone who has not signed in.
 */
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
            Pages.noFile("verify.noFile");
            return;
        }
        try {
            byte[] detached = signature == null || signature.getSize() == 0 ? null : signature.getContent();
            var external = faces.getExternalContext();
            report = external.getUserPrincipal() != null
                    ? verification.verify(document.getContent(), document.getFileName(), detached, true, false)
                    : verification.verifyForAnyone(document.getContent(), document.getFileName(), detached,
                    ((HttpServletRequest) external.getRequest()).getRemoteAddr());
        } catch (SignetException e) {
            Pages.refusal(e);
        }
    }

    /** DSS's ETSI validation report (TS 119 102-2) of the last verification, for a user who signed in. */
    public void etsiReport() {
        if (report == null || report.etsiValidationReport() == null) {
            return;
        }
        Pages.download("application/xml", "etsi-validation-report.xml", report.etsiValidationReport().getBytes(StandardCharsets.UTF_8));
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
