package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.signet.admin.PersonalCredentials;
import org.signet.analysis.PagePreview;
import org.signet.api.WorkflowDescription;
import org.signet.document.PdfDocuments;
import org.signet.workflow.Workflows;
import jakarta.servlet.http.HttpServletRequest;

import java.io.Serializable;
import java.util.Base64;

/**
 * One workflow, opened from a signer's e-mail link ({@code ?link=}) or the inbox ({@code ?id=}): its document's first
 * page, its steps, and for the signer whose turn it is the buttons to sign (by one click, with a one-time code where the
 * step asks for one) or to refuse with a reason. The workflow service decides who may do what.
 */
@Named
@ViewScoped
public class WorkflowPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient Workflows workflows;
    @EJB
    private transient PagePreview previews;
    @EJB
    private transient PersonalCredentials credentials;

    private String link;
    private String id;
    private WorkflowDescription workflow;
    private String preview;
    private String oneTimeCode;
    private String reason;
    /** Whether the signer's personal seal signs with a remote credential; asked once. */
    private Boolean remoteCredential;

    /** The link that signs by itself, when the page was opened with one and nobody signed in. */
    private String linkAlone;

    /** Resolves the link once (it names the workflow for this signer), then shows the workflow. */
    public void load() {
        linkAlone = SignInRequired.linkAlone((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
        if (linkAlone != null) {
            workflow = Pages.read(() -> WorkflowDescription.of(workflows.describeByLink(linkAlone)), null);
            if (workflow != null) {
                preview = Pages.read(() -> dataUri(workflows.firstPageByLink(linkAlone)), null);
            }
            return;
        }
        if (link != null && !link.isBlank() && id == null) {
            id = Pages.read(() -> workflows.byLink(link), null);
        }
        if (id != null) {
            workflow = Pages.read(() -> WorkflowDescription.of(workflows.describe(id)), null);
            if (workflow != null) {
                preview = Pages.read(() -> dataUri(previews.render(workflows.document(id), workflow.documentName(), 1)), null);
            }
        }
    }

    private static String dataUri(PagePreview.Picture page) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(page.png());
    }

    public void sign() {
        String code = oneTimeCode;
        oneTimeCode = null;
        String alone = linkAlone;
        WorkflowDescription signed = Pages.read(() -> WorkflowDescription.of(alone != null ? workflows.signByLink(alone)
                : workflows.sign(id, code)), null);
        if (signed != null) {
            workflow = signed;
                Pages.info(Pages.text(FacesContext.getCurrentInstance(), signed.state().equals("completed") ? "workflow.completed" : "workflow.signed")
                    + (signed.waitingFor().isEmpty() ? "" : " " + String.join(", ", signed.waitingFor())));
        }
    }

    /** Whether the page was opened by a link that signs by itself: it shows and signs the document; refusing wants a sign-in. */
    public boolean isByLinkAlone() {
        return linkAlone != null;
    }

    public void refuse() {
        WorkflowDescription refused = Pages.read(() -> WorkflowDescription.of(workflows.refuse(id, reason)), null);
        if (refused != null) {
            workflow = refused;
                reason = null;
            Pages.info(Pages.text(FacesContext.getCurrentInstance(), "workflow.refused"));
        }
    }

    public void download() {
        String alone = linkAlone;
        byte[] document = Pages.read(() -> alone != null ? workflows.documentByLink(alone) : workflows.document(id), null);
        if (document != null) {
            Pages.download("application/pdf", workflow.state().equals("completed") ? PdfDocuments.signedName(workflow.documentName())
                    : workflow.documentName(), document);
        }
    }

    /** Whether the workflow waits for the signed-in user's signature. */
    public boolean isMyTurn() {
        return workflow != null && workflow.yourTurn();
    }

    /**
     * Whether a waiting step asks its signer for a one-time code: Signet's, or the one the service of the signer's
     * remote credential asks for.
     */
    public boolean isOneTimeCodeNeeded() {
        if (workflow == null) {
            return false;
        }
        if (workflow.steps().stream().anyMatch(s -> s.state().equals("pending") && s.oneTimeCode())) {
            return true;
        }
        if (remoteCredential == null) {
            remoteCredential = isMyTurn() && linkAlone == null && Pages.read(credentials::hasLinked, false);
        }
        return remoteCredential;
    }

    public WorkflowDescription getWorkflow() { return workflow; }

    public String getPreview() { return preview; }

    public String getLink() { return link; }

    public void setLink(String link) { this.link = link; }

    public String getId() { return id; }

    public void setId(String id) {
        if (id != null && !id.isBlank()) {
            this.id = id;
        }
    }

    public String getOneTimeCode() { return null; }

    public void setOneTimeCode(String oneTimeCode) { this.oneTimeCode = oneTimeCode; }

    public String getReason() { return reason; }

    public void setReason(String reason) { this.reason = reason; }

}
