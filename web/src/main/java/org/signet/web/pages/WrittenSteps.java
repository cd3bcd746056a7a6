package org.signet.web.pages;

import jakarta.faces.context.FacesContext;
import org.signet.model.SignetException;
import org.signet.workflow.WorkflowPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * A workflow's steps as a form writes them: signers in order ("alice, group:finance, all:board"), their fields in the
 * same order (or none), a one-time code asked of each, and the recipients of the signed PDF.
 */
public class WrittenSteps {

    private String signers;
    private String fields;
    private boolean oneTimeCode;
    private String recipients;

    /** The plan the form describes; refused, in the page's words, when the fields do not go one to a signer. */
    WorkflowPlan plan() {
        List<String> names = Pages.list(signers);
        List<String> fieldNames = Pages.list(fields);
        if (!fieldNames.isEmpty() && fieldNames.size() != names.size()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, Pages.text(FacesContext.getCurrentInstance(),
                    "workflow.fieldsPerSigner"));
        }
        List<WorkflowPlan.Step> steps = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            steps.add(WorkflowPlan.Step.written(names.get(i), fieldNames.isEmpty() ? null : fieldNames.get(i), oneTimeCode, null));
        }
        return new WorkflowPlan(steps, Pages.list(recipients), null);
    }

    public String getSigners() { return signers; }

    public void setSigners(String signers) { this.signers = signers; }

    public String getFields() { return fields; }

    public void setFields(String fields) { this.fields = fields; }

    public boolean isOneTimeCode() { return oneTimeCode; }

    public void setOneTimeCode(boolean oneTimeCode) { this.oneTimeCode = oneTimeCode; }

    public String getRecipients() { return recipients; }

    public void setRecipients(String recipients) { this.recipients = recipients; }
}
