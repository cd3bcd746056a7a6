package org.signet.web.pages;

import jakarta.faces.context.FacesContext;
import org.signet.model.SignetException;
import org.signet.workflow.WorkflowPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * A workflow's steps as a form writes them: signers in order ("alice, group:finance, all:board"), their fields in the
 * same order (or none), who gets each step past its deadline in the same order ("-": nobody; or none), a seal every
 * step is signed with (or their personal certificates), a one-time code asked of each, and the recipients of the signed PDF.
 */
public class WrittenSteps {

    private String signers;
    private String fields;
    private String escalations;
    private String seal;
    private boolean oneTimeCode;
    private boolean linkOnly;
    private String recipients;

    /** The plan the form describes; refused, in the page's words, when the fields do not go one to a signer. */
    WorkflowPlan plan() {
        List<String> names = Pages.list(signers);
        List<String> fieldNames = Pages.list(fields);
        if (!fieldNames.isEmpty() && fieldNames.size() != names.size()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, Pages.text(FacesContext.getCurrentInstance(),
                    "workflow.fieldsPerSigner"));
        }
        List<String> escalateTo = Pages.list(escalations);
        if (!escalateTo.isEmpty() && escalateTo.size() != names.size()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, Pages.text(FacesContext.getCurrentInstance(),
                    "workflow.escalationsPerSigner"));
        }
        String sealName = seal == null || seal.isBlank() ? null : seal.strip();
        List<WorkflowPlan.Step> steps = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String passedTo = escalateTo.isEmpty() || escalateTo.get(i).equals("-") ? null : escalateTo.get(i);
            steps.add(WorkflowPlan.Step.written(names.get(i), fieldNames.isEmpty() ? null : fieldNames.get(i), oneTimeCode, null,
                    passedTo, sealName).linkOnly(linkOnly));
        }
        return new WorkflowPlan(steps, Pages.list(recipients), null);
    }

    public String getSigners() { return signers; }

    public void setSigners(String signers) { this.signers = signers; }

    public String getFields() { return fields; }

    public void setFields(String fields) { this.fields = fields; }

    public String getEscalations() { return escalations; }

    public void setEscalations(String escalations) { this.escalations = escalations; }

    public String getSeal() { return seal; }

    public void setSeal(String seal) { this.seal = seal; }

    public boolean isOneTimeCode() { return oneTimeCode; }

    public void setOneTimeCode(boolean oneTimeCode) { this.oneTimeCode = oneTimeCode; }

    public boolean isLinkOnly() { return linkOnly; }

    public void setLinkOnly(boolean linkOnly) { this.linkOnly = linkOnly; }

    public String getRecipients() { return recipients; }

    public void setRecipients(String recipients) { this.recipients = recipients; }
}
