package org.signet.workflow;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.inject.Inject;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.hotfolder.HotFolderBases;
import org.signet.outbox.Outbox;
import org.signet.model.Names;
import org.signet.model.SignetException;
import org.signet.seal.Seal;
import org.signet.security.AdminRole;
import org.signet.security.Callers;
import org.signet.security.SignetGroup;
import org.signet.security.SignetUser;

import java.time.Instant;
import java.util.List;

/**
 * Workflow templates: an admin keeps the steps of a recurring workflow ("the buyer, then any one of finance") and says
 * who may start it; they start it with the document alone. The steps are checked again at each start, against the
 * users, groups and document of that moment.
 */
@Stateless
@PermitAll
@DeclareRoles({AdminRole.NAME})
public class WorkflowTemplates {

    @Resource
    private SessionContext session;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private AuditLog audit;
    @Inject
    private SignetConfiguration configuration;

    /**
     * Creates or replaces a template (admin). {@code folder}: where a completed workflow's PDF is written, under the
     * folders the server allows for hot folders ({@code signet.hotfolder.base-dirs}); none. {@code callback}: the URL told
     * when a workflow ends, one of those the server allows ({@code signet.workflow.callbacks}); none.
     */
    public void put(String name, String description, WorkflowPlan plan, List<String> starters, String folder, String callback) {
        String admin = AdminRole.require(session, audit, AuditEvent.Action.WORKFLOW_TEMPLATE_CHANGED, null, "workflow template '" + name + "'");
        Names.require("template name", name);
        if (plan == null || plan.steps() == null || plan.steps().isEmpty()) {
            throw invalid("a workflow template needs at least one step");
        }
        int position = 0;
        for (WorkflowPlan.Step step : plan.steps()) {
            position++;
            if (step == null || (blank(step.signer()) == blank(step.group()))) {
                throw invalid("step " + position + " names a signer or a group, one of them");
            }
            if (!blank(step.signer()) && em.find(SignetUser.class, step.signer().strip()) == null) {
                throw invalid("step " + position + ": there is no user '" + step.signer() + "'");
            }
            if (!blank(step.group()) && em.find(SignetGroup.class, step.group().strip()) == null) {
                throw invalid("step " + position + ": there is no group '" + step.group() + "'");
            }
            if (!blank(step.escalateTo()) && em.find(SignetUser.class, step.escalateTo().strip()) == null) {
                throw invalid("step " + position + ": there is no user '" + step.escalateTo() + "' to escalate to");
            }
            if (!blank(step.seal()) && em.find(Seal.class, step.seal().strip()) == null) {
                throw invalid("step " + position + ": there is no seal '" + step.seal() + "'");
            }
        }
        plan.recipients().forEach(Outbox::checkedAddress);
        List<String> who = starters == null ? List.of() : starters.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String starter : who) {
            boolean group = starter.startsWith("group:");
            String starterName = group ? starter.substring(6) : starter;
            if (group ? em.find(SignetGroup.class, starterName) == null : em.find(SignetUser.class, starterName) == null) {
                throw invalid("there is no " + (group ? "group" : "user") + " '" + starterName + "' to start the template");
            }
        }
        String output = folder == null || folder.isBlank() ? null
                : HotFolderBases.of(configuration).folder(folder.strip(), "workflow output").toString();
        String tell = callback == null || callback.isBlank() ? null : callback.strip();
        if (tell != null && configuration.workflowCallbacks().stream().noneMatch(u -> u.toString().equals(tell))) {
            throw invalid("the server configuration allows callbacks only to " + configuration.workflowCallbacks() + " ("
                    + SignetConfiguration.WORKFLOW_CALLBACKS + "), not to " + tell);
        }
        WorkflowTemplate template = em.find(WorkflowTemplate.class, name);
        if (template == null) {
            template = new WorkflowTemplate(name);
            em.persist(template);
        }
        template.change(description, new WorkflowPlan(plan.steps().stream().map(s -> new WorkflowPlan.Step(trimmed(s.signer()),
                trimmed(s.group()), s.all(), trimmed(s.field()), s.oneTimeCode(), s.days(), trimmed(s.escalateTo()), trimmed(s.seal()), s.linkOnly())).toList(), plan.recipients(), plan.level()), who,
                output, tell);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.WORKFLOW_TEMPLATE_CHANGED, AuditEvent.Outcome.SUCCESS,
                null, null, "workflow template '" + name + "': " + plan.steps().size() + " steps, started by "
                + (who.isEmpty() ? "every user" : who) + (output == null ? "" : ", signed PDFs to " + output) + (tell == null ? "" : ", calls back " + tell)));
    }

    public void delete(String name) {
        String admin = AdminRole.require(session, audit, AuditEvent.Action.WORKFLOW_TEMPLATE_CHANGED, null, "delete workflow template '" + name + "'");
        em.remove(existing(name));
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.WORKFLOW_TEMPLATE_CHANGED, AuditEvent.Outcome.SUCCESS,
                null, null, "workflow template '" + name + "' deleted"));
    }

    /** Every template (admin). */
    public List<WorkflowTemplate> list() {
        AdminRole.require(session, audit, AuditEvent.Action.WORKFLOW_TEMPLATE_CHANGED, null, "list the workflow templates");
        return em.createQuery("SELECT t FROM WorkflowTemplate t ORDER BY t.name", WorkflowTemplate.class).getResultList();
    }

    /** The templates the caller may start. */
    public List<WorkflowTemplate> startable() {
        String caller = Callers.name(session);
        return em.createQuery("SELECT t FROM WorkflowTemplate t ORDER BY t.name", WorkflowTemplate.class).getResultList().stream()
                .filter(t -> mayStart(t, caller)).toList();
    }

    /** A template the caller may start; another one is refused as if it did not exist. */
    public WorkflowTemplate startableTemplate(String name) {
        return startableTemplate(name, Callers.name(session));
    }

    /** A template {@code caller} may start (a hot folder's run-as user); another one is refused as if it did not exist. */
    public WorkflowTemplate startableTemplate(String name, String caller) {
        WorkflowTemplate template = name == null ? null : em.find(WorkflowTemplate.class, name.strip());
        if (template == null || !mayStart(template, caller)) {
            throw new SignetException(SignetException.Kind.UNKNOWN_WORKFLOW, "there is no workflow template '" + name + "' that '"
                    + caller + "' may start");
        }
        return template;
    }

    private boolean mayStart(WorkflowTemplate template, String caller) {
        if (template.starters().isEmpty() || template.starters().contains(caller)) {
            return true;
        }
        return SignetGroup.namesOf(em, caller).stream().anyMatch(g -> template.starters().contains("group:" + g));
    }

    private WorkflowTemplate existing(String name) {
        WorkflowTemplate template = name == null ? null : em.find(WorkflowTemplate.class, name);
        if (template == null) {
            throw new SignetException(SignetException.Kind.UNKNOWN_WORKFLOW, "there is no workflow template '" + name + "'");
        }
        return template;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trimmed(String value) {
        return blank(value) ? null : value.strip();
    }

    private static SignetException invalid(String message) {
        return new SignetException(SignetException.Kind.INVALID_INPUT, message);
    }
}
