package org.signet.api;

import org.signet.workflow.WorkflowTemplate;

import java.util.List;

/**
 * A workflow template: its steps (as a workflow's), recipients and level, and who may start it ({@code starters}: users,
 * and "group:NAME" for a group's members; empty: every user), the folder a completed workflow's PDF is written to, and
 * the URL told when a workflow ends.
 */
public record WorkflowTemplateDescription(String name, String description, List<WorkflowRequest.Step> steps, List<String> recipients,
                                          String level, List<String> starters, String folder, String callback) {

    public static WorkflowTemplateDescription of(WorkflowTemplate template) {
        var plan = template.plan();
        return new WorkflowTemplateDescription(template.name(), template.description(),
                plan.steps().stream().map(WorkflowRequest.Step::of).toList(), plan.recipients(), plan.level(), template.starters(),
                template.folder(), template.callback());
    }
}
