package org.signet.workflow;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A workflow an admin prepared: its steps, recipients and level, who may start it (users, and "group:NAME" for a group's
 * members; none: every user), and the folder the signed PDF goes to. Starting it takes only the document.
 */
@Entity
@Table(name = "SIGNET_WORKFLOW_TEMPLATE")
public class WorkflowTemplate {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "DESCRIPTION", length = 500)
    private String description;

    @Column(name = "SIGNATURE_LEVEL", length = 8)
    private String level;

    @Column(name = "RECIPIENTS", length = 2000)
    private String recipients;

    @Column(name = "STARTERS", length = 2000)
    private String starters;

    /** Where the signed PDF is written when a workflow of this template completes (under the hot-folder bases); none. */
    @Column(name = "FOLDER", length = 1000)
    private String folder;

    /** The URL told when a workflow of this template ends (one the server configuration allows); none. */
    @Column(name = "CALLBACK", length = 1000)
    private String callback;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "SIGNET_WORKFLOW_TEMPLATE_STEP", joinColumns = @JoinColumn(name = "TEMPLATE_NAME"))
    @OrderColumn(name = "POSITION")
    private List<TemplateStep> steps = new ArrayList<>();

    /** One step of a template, as {@link WorkflowPlan.Step} has it. */
    @Embeddable
    public static class TemplateStep {
        @Column(name = "SIGNER", length = 128)
        private String signer;
        @Column(name = "GROUP_NAME", length = 128)
        private String group;
        @Column(name = "ALL_MEMBERS", nullable = false)
        private int all;
        @Column(name = "FIELD_NAME", length = 200)
        private String field;
        @Column(name = "ONE_TIME_CODE", nullable = false)
        private int oneTimeCode;
        @Column(name = "DAYS")
        private Integer days;
        @Column(name = "ESCALATE_TO", length = 128)
        private String escalateTo;
        @Column(name = "SEAL", length = 64)
        private String seal;
        @Column(name = "LINK_ONLY")
        private Integer linkOnly;

        protected TemplateStep() { }

        TemplateStep(WorkflowPlan.Step step) {
            this.signer = step.signer();
            this.group = step.group();
            this.all = Boolean.TRUE.equals(step.all()) ? 1 : 0;
            this.field = step.field();
            this.oneTimeCode = Boolean.TRUE.equals(step.oneTimeCode()) ? 1 : 0;
            this.days = step.days();
            this.escalateTo = step.escalateTo();
            this.seal = step.seal();
            this.linkOnly = Boolean.TRUE.equals(step.linkOnly()) ? 1 : null;
        }

        WorkflowPlan.Step plan() {
            return new WorkflowPlan.Step(signer, group, all == 1, field, oneTimeCode == 1, days, escalateTo, seal,
                    linkOnly != null && linkOnly == 1 ? Boolean.TRUE : null);
        }
    }

    protected WorkflowTemplate() { }

    WorkflowTemplate(String name) {
        this.name = name;
    }

    void change(String description, WorkflowPlan plan, List<String> starters, String folder, String callback) {
        this.description = description;
        this.folder = folder;
        this.callback = callback;
        this.level = plan.level();
        this.recipients = joined(plan.recipients());
        this.starters = joined(starters);
        this.steps = new ArrayList<>(plan.steps().stream().map(TemplateStep::new).toList());
    }

    public String name() { return name; }

    public String description() { return description; }

    public String folder() { return folder; }

    public String callback() { return callback; }

    public WorkflowPlan plan() {
        return new WorkflowPlan(steps.stream().map(TemplateStep::plan).toList(), split(recipients), level);
    }

    /** Users, and "group:NAME" for the members of a group, who may start it; empty: every user. */
    public List<String> starters() { return split(starters); }

    private static String joined(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.split(","));
    }
}
