package org.signet.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A link mailed to one person for one waiting step: only the SHA-256 of its random token is kept. A step of "any one of
 * a group" has one for each member asked; all of a step's links go when the step is signed, refused or over.
 */
@Entity
@Table(name = "SIGNET_WORKFLOW_LINK")
public class WorkflowLink {

    @Id
    @Column(name = "LINK_SHA256", length = 64)
    private String sha256;

    @Column(name = "STEP_ID", length = 48, nullable = false)
    private String stepId;

    @Column(name = "WORKFLOW_ID", length = 36, nullable = false)
    private String workflowId;

    @Column(name = "SIGNER", length = 128, nullable = false)
    private String signer;

    protected WorkflowLink() { }

    WorkflowLink(String sha256, WorkflowStep step, String signer) {
        this.sha256 = sha256;
        this.stepId = step.id();
        this.workflowId = step.workflowId();
        this.signer = signer;
    }

    public String workflowId() { return workflowId; }

    public String stepId() { return stepId; }

    public String signer() { return signer; }
}
