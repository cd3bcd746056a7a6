package org.signet.workflow;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.signet.admin.SealAdministration;
import org.signet.analysis.PagePreview;
import org.signet.archive.DocumentStore;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.document.Documents;
import org.signet.document.PdfDocuments;
import org.signet.hotfolder.HotFolderBases;
import org.signet.hotfolder.HotFolderNames;
import org.signet.hotfolder.OutputFiles;
import org.signet.hotfolder.WorkflowStarts;
import org.signet.keys.CardUse;
import org.signet.keys.SigningToken;
import org.signet.outbox.Outbox;
import org.signet.model.HashAlgorithm;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;
import org.signet.seal.Seal;
import org.signet.seal.SealDirectory;
import org.signet.security.AdminRole;
import org.signet.security.Callers;
import org.signet.security.ClientAddress;
import org.signet.security.SecondFactors;
import org.signet.security.SignetGroup;
import org.signet.security.SignetUser;
import org.signet.signing.PdfSignatureFields;
import org.signet.signing.SignRequest;
import org.signet.signing.SignedDocument;
import org.signet.signing.SigningService;
import org.signet.verification.SignatureVerdict;
import org.signet.verification.VerificationReport;
import org.signet.verification.VerificationService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signature workflows: a PDF signed by several people one after the other, each with the personal certificate Signet's
 * CA issued them. Each signer is mailed a link when their turn comes, signs after signing in (and, where the step asks,
 * with a one-time code), and the next turn starts only once the document with every signature so far verifies. The
 * state lives in the database and the document versions in the document store, so a restart between steps loses nothing.
 */
@Stateless
@LocalBean
@PermitAll
@DeclareRoles({AdminRole.NAME, AdminRole.AUDITOR})
public class Workflows implements WorkflowStarts {
    /** {@code Json.create...} looks its provider up through the ServiceLoader on every call, a scan of the deployment's jars. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final int MAX_STEPS = 20;
    static final int DEFAULT_DAYS = 14;
    static final int MAX_DAYS = 365;
    /** The page a signer's link opens; the token follows as {@code ?link=}. */
    public static final String PAGE = "/signet/console/workflow.xhtml";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource
    private SessionContext session;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private SigningService signing;
    @EJB
    private VerificationService verification;
    @EJB
    private PagePreview previews;
    @EJB
    private SecondFactors secondFactors;
    @EJB
    private Outbox outbox;
    @EJB
    private WorkflowTemplates templates;
    @EJB
    private SealDirectory seals;
    @EJB
    private AuditLog audit;
    @Inject
    private SignetConfiguration configuration;

    /** Starts a workflow for the caller, who becomes its initiator; the first signer is mailed at once. */
    public WorkflowProgress start(byte[] document, String documentName, WorkflowPlan request) {
        return start(Callers.name(session), UUID.randomUUID().toString(), document, documentName, request);
    }

    /** Starts a workflow from a template the caller may start, with its steps, recipients and level. */
    public WorkflowProgress start(byte[] document, String documentName, String templateName) {
        return start(Callers.name(session), UUID.randomUUID().toString(), document, documentName, templates.startableTemplate(templateName));
    }

    /** For a hot folder's document: its run-as user is the initiator, and the batch gives the id (see {@link WorkflowStarts}). */
    @Override
    public String startFor(String initiator, String workflowId, String template, byte[] document, String documentName) {
        if (em.find(Workflow.class, workflowId) == null) {
            start(initiator, workflowId, document, documentName, startable(initiator, template));
        }
        return workflowId;
    }

    @Override
    public void requireStartable(String initiator, String template) {
        startable(initiator, template);
    }

    private WorkflowTemplate startable(String initiator, String template) {
        SignetUser user = em.find(SignetUser.class, initiator);
        if (user == null || !user.enabled()) {
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED, "'" + initiator + "' is not an enabled user; workflows are"
                    + " started by one");
        }
        return templates.startableTemplate(template, initiator);
    }

    private WorkflowProgress start(String caller, String id, byte[] document, String documentName, WorkflowTemplate template) {
        WorkflowProgress started = start(caller, id, document, documentName, template.plan());
        started.workflow().endsLike(template);
        return started;
    }

    private WorkflowProgress start(String caller, String id, byte[] document, String documentName, WorkflowPlan request) {
        // the name goes into mail subjects and file names: no control characters, no path, at most 200 characters
        String named = documentName == null ? "" : documentName.replaceAll("^.*[/\\\\]", "").replaceAll("\\p{Cntrl}", " ").strip();
        String name = named.isEmpty() ? "document.pdf" : named.length() > 200 ? named.substring(named.length() - 200) : named;
        Documents.requireNotEmpty(document, "the document");
        Documents.requireWithinLimit(document, configuration.maxDocumentBytes(), "the document");
        PdfDocuments.requireWholePdf(document);
        if (request == null || request.steps() == null || request.steps().isEmpty()) {
            throw invalid("a workflow needs at least one step (a signer)");
        }
        if (request.steps().size() > MAX_STEPS) {
            throw invalid("a workflow has at most " + MAX_STEPS + " steps, not " + request.steps().size());
        }
        SignatureLevel level = level(request.level());
        List<String> recipients = request.recipients() == null ? List.of() : request.recipients().stream().map(Outbox::checkedAddress).distinct().toList();
        List<String> emptyFields = PdfDocuments.emptySignatureFields(document);
        Set<String> fields = new HashSet<>();
        List<WorkflowStep> steps = new ArrayList<>();
        int stage = 0;
        for (WorkflowPlan.Step given : request.steps()) {
            stage++;
            if (given == null) {
                throw invalid("step " + stage + " is empty");
            }
            String signer = blankToNull(given.signer());
            String group = blankToNull(given.group());
            if ((signer == null) == (group == null)) {
                throw invalid("step " + stage + " names a signer or a group, one of them");
            }
            boolean all = Boolean.TRUE.equals(given.all());
            if (all && group == null) {
                throw invalid("step " + stage + ": \"all\" is for a group's members");
            }
            String field = blankToNull(given.field());
            if (field != null && all) {
                throw invalid("step " + stage + ": every member of group '" + group + "' signs, so no one field is theirs; leave out the field");
            }
            if (field != null && (!emptyFields.contains(field) || !fields.add(field))) {
                throw invalid("step " + stage + ": '" + name + "' has no empty signature field '" + field + "'"
                        + (fields.contains(field) ? " left (an earlier step signs into it)" : "")
                        + (emptyFields.isEmpty() ? "" : " (empty fields: " + String.join(", ", emptyFields) + ")"));
            }
            boolean code = Boolean.TRUE.equals(given.oneTimeCode());
            boolean linkOnly = Boolean.TRUE.equals(given.linkOnly());
            if (linkOnly && code) {
                throw invalid("step " + stage + " is signed by the link alone or with a one-time code, not both");
            }
            if (linkOnly && configuration.linkOnlyClients().entries().isEmpty()) {
                throw invalid("step " + stage + ": the link alone signs only from networks the server configuration lists in "
                        + SignetConfiguration.LINK_ONLY_CLIENTS + ", and it lists none; leave out linkOnly");
            }
            int days = given.days() == null ? DEFAULT_DAYS : given.days();
            if (days < 1 || days > MAX_DAYS) {
                throw invalid("step " + stage + ": a signer has 1 to " + MAX_DAYS + " days, not " + days);
            }
            String seal = blankToNull(given.seal());
            if (seal != null) {
                Seal found = em.find(Seal.class, seal);
                if (found == null || found.owner() != null) {
                    throw invalid("step " + stage + ": there is no seal '" + seal + "' to sign with (a personal certificate is its"
                            + " owner's alone: leave out the seal)");
                }
                if (!found.allows(SignatureFormat.PADES, level)) {
                    throw invalid("step " + stage + ": seal '" + seal + "' may not produce PAdES at level " + level);
                }
                if (linkOnly && found.requiresOneTimeCode()) {
                    throw invalid("step " + stage + ": seal '" + seal + "' requires a one-time code with each signature, which a link"
                            + " alone does not give; leave out linkOnly");
                }
            }
            String escalateTo = blankToNull(given.escalateTo());
            if (escalateTo != null) {
                if (all) {
                    throw invalid("step " + stage + ": every member of group '" + group + "' signs, so the step is not passed to one person;"
                            + " leave out escalateTo");
                }
                if (escalateTo.equals(signer)) {
                    throw invalid("step " + stage + " is passed to '" + escalateTo + "', who signs it already");
                }
                signerReady(escalateTo, stage, code, seal);
            }
            if (signer != null) {
                signerReady(signer, stage, code, seal);
                steps.add(new WorkflowStep(id, steps.size() + 1, stage, signer, null, field, code, days, escalateTo, seal)
                        .signedByLinkAlone(linkOnly));
            } else if (all) {
                for (String member : members(group, stage)) {
                    signerReady(member, stage, code, seal);
                    steps.add(new WorkflowStep(id, steps.size() + 1, stage, member, null, null, code, days, null, seal)
                            .signedByLinkAlone(linkOnly));
                }
            } else {
                if (eligible(group, code, seal).isEmpty()) {
                    throw invalid("step " + stage + ": no member of group '" + group + "' can be asked (an enabled person with an"
                            + " e-mail address and " + (seal == null ? "a personal certificate" : "authorised for seal '" + seal + "'")
                            + (code ? ", and an authenticator" : "") + ")");
                }
                steps.add(new WorkflowStep(id, steps.size() + 1, stage, null, group, field, code, days, escalateTo, seal)
                        .signedByLinkAlone(linkOnly));
            }
            if (steps.size() > MAX_STEPS) {
                throw invalid("a workflow has at most " + MAX_STEPS + " signatures");
            }
        }
        String sha256 = keep(document);
        Workflow workflow = new Workflow(id, caller, name, sha256, level, recipients, Instant.now());
        em.persist(workflow);
        steps.forEach(em::persist);
        record(caller, AuditEvent.Action.WORKFLOW_STARTED, sha256, workflow, "signers " + steps.stream().map(WorkflowStep::signerOrGroup).toList());
        turn(workflow, steps, 1);
        return WorkflowProgress.of(workflow, steps, caller, SignetGroup.namesOf(em, caller)); // a hot folder's start has no signed-in caller
    }

    /** The workflow, for its initiator, its signers, admins and auditors. */
    public WorkflowProgress describe(String id) {
        Workflow workflow = visible(id);
        return progress(workflow, steps(workflow.id()));
    }

    /** The workflow's document as it stands: signed by every signer so far (all of them once completed). */
    public byte[] document(String id) {
        return document(visible(id));
    }

    /**
     * The caller's workflows, newest first: those waiting for the caller's signature, those the caller started, and
     * those the caller signed or is still to sign.
     */
    public List<WorkflowProgress> inbox() {
        String caller = Callers.name(session);
        List<String> groups = SignetGroup.namesOf(em, caller);
        jakarta.persistence.TypedQuery<String> query = em.createQuery("SELECT w.id FROM Workflow w WHERE w.initiator = :caller OR w.id IN "
                        + "(SELECT s.workflowId FROM WorkflowStep s WHERE s.signer = :caller"
                        + (groups.isEmpty() ? "" : " OR (s.signer IS NULL AND s.group IN :groups)") + ") ORDER BY w.started DESC", String.class)
                .setParameter("caller", caller);
        if (!groups.isEmpty()) {
            query.setParameter("groups", groups);
        }
        List<String> ids = query.setMaxResults(500).getResultList();
        List<WorkflowProgress> all = new ArrayList<>();
        for (String id : ids) {
            all.add(WorkflowProgress.of(em.find(Workflow.class, id), steps(id), caller, groups));
        }
        return all;
    }

    /**
     * The workflow whose waiting step a signer's link names, for that signer only. A link that was used, or whose step
     * is over, names nothing any more.
     */
    public String byLink(String link) {
        String caller = Callers.name(session);
        WorkflowLink found = waitingLink(link);
        if (!found.signer().equals(caller)) {
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED, "this link is for another signer; sign in as that person");
        }
        return found.workflowId();
    }

    /**
     * Signs the workflow's document as the caller, whose turn it must be, with the caller's personal certificate (or the
     * step's seal, which the caller must be authorised for and whose conditions apply as to any request), into the step's
     * field; then verifies every signature of the result and starts the next turn, or completes the workflow.
     */
    public WorkflowProgress sign(String id, String oneTimeCode) {
        String caller = Callers.name(session);
        return sign(caller, locked(id), oneTimeCode, null);
    }

    /**
     * Whether the link opens its workflow without signing in: it names a waiting step signed by the link alone, and
     * the request comes from a network {@code signet.workflow.link-only-clients} lists.
     */
    public boolean opensByLinkAlone(String link) {
        try {
            linkAlone(link);
            return true;
        } catch (SignetException e) {
            return false;
        }
    }

    /** The workflow a link-only link names, as its signer sees it. */
    public WorkflowProgress describeByLink(String link) {
        WorkflowLink found = linkAlone(link);
        Workflow workflow = em.find(Workflow.class, found.workflowId());
        return WorkflowProgress.of(workflow, steps(workflow.id()), found.signer(), SignetGroup.namesOf(em, found.signer()));
    }

    /** The document a link-only link's signer is asked to sign, as it stands. */
    public byte[] documentByLink(String link) {
        return document(em.find(Workflow.class, linkAlone(link).workflowId()));
    }

    /** Its first page, as the workflow page shows it. */
    public PagePreview.Picture firstPageByLink(String link) {
        Workflow workflow = em.find(Workflow.class, linkAlone(link).workflowId());
        return previews.renderAs(document(workflow), workflow.documentName(), 1);
    }

    /**
     * Signs as the link's signer, with the signer's personal certificate (or the step's seal): the link is the only
     * credential, so it works only for a step marked so and from an allowed network, once; the audit trail names both.
     */
    public WorkflowProgress signByLink(String link) {
        WorkflowLink found = linkAlone(link);
        Workflow workflow = em.find(Workflow.class, found.workflowId());
        em.lock(workflow, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(workflow);
        return sign(found.signer(), workflow, null, "by the link alone from " + ClientAddress.current());
    }

    /** The link of a step that still waits, or a refusal saying it was used or its step is over. */
    private WorkflowLink waitingLink(String link) {
        WorkflowLink found = link == null || link.isBlank() || !link.strip().matches("[A-Za-z0-9_-]{43}") ? null
                : em.find(WorkflowLink.class, linkHash(link.strip()));
        if (found == null) {
            throw new SignetException(SignetException.Kind.UNKNOWN_WORKFLOW,
                    "this link has been used, or its step is over; the inbox lists what waits for your signature");
        }
        return found;
    }

    private WorkflowLink linkAlone(String link) {
        WorkflowLink found = waitingLink(link);
        WorkflowStep step = em.find(WorkflowStep.class, found.stepId());
        if (step == null || !step.linkOnly()) {
            throw new SignetException(SignetException.Kind.NOT_AUTHENTICATED, "this step is signed after signing in");
        }
        String from = ClientAddress.current();
        if (!configuration.linkOnlyClients().contains(from)) {
            throw new SignetException(SignetException.Kind.NOT_AUTHENTICATED, "the link alone signs only from the organisation's"
                    + " network, not from " + from + "; sign in to sign");
        }
        return found;
    }

    private WorkflowProgress sign(String caller, Workflow workflow, String oneTimeCode, String byLink) {
        String id = workflow.id();
        WorkflowStep step = callersTurn(workflow, caller);
        if (byLink != null && !step.linkOnly()) {
            throw new SignetException(SignetException.Kind.NOT_AUTHENTICATED, "this step is signed after signing in");
        }
        String sealName = step.seal() != null ? step.seal() : SealAdministration.PERSONAL + caller;
        Seal seal = em.find(Seal.class, sealName);
        if (seal == null || (step.seal() == null && !caller.equals(seal.owner()))) {
            throw invalid(step.seal() != null ? "seal '" + sealName + "' of step " + step.position() + " is gone; the workflow's initiator"
                    + " starts it again" : "'" + caller + "' has no personal certificate to sign with; an admin issues one");
        }
        String sealsCode = oneTimeCode;
        CardUse cards = CardUse.ANY;
        if (step.oneTimeCodeRequired() && !seal.requiresOneTimeCode()) {
            // the step asks for the code; a seal that asks too checks it itself (a code counts once)
            secondFactors.require(caller, oneTimeCode, sealName);
            sealsCode = null;
        } else if (step.seal() == null && oneTimeCode != null && !oneTimeCode.isBlank() && personsCredential(seal)) {
            // the person's remote credential: the code is the one its service asks for (SCAL 2), handed on as a card's PIN is
            cards = CardUse.of(null, oneTimeCode.strip().toCharArray());
            sealsCode = null;
        }
        byte[] document = document(workflow);
        SignRequest request = new SignRequest(sealName, SignatureFormat.PADES, workflow.level(), null, HashAlgorithm.SHA256,
                document, workflow.documentName(), new PdfSignatureFields(caller, "workflow " + workflow.id() + ", step " + step.position(),
                null, null, step.field(), null, null), cards, sealsCode, null);
        // the link's signer is named by the link, not by a login: Signet signs for the user the step names
        SignedDocument signed = byLink == null ? signing.sign(request) : signing.signAs(caller, request);
        VerificationReport report = byLink == null ? verification.verify(signed.content(), workflow.documentName(), null)
                : verification.verifyAs(caller, signed.content(), workflow.documentName());
        List<SignatureVerdict> bad = report.signatures().stream().filter(v -> !emptyField(v) && !v.valid()).toList();
        if (!report.allValid() || !bad.isEmpty()) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the document did not verify after the signature of step "
                    + step.position() + " (" + bad.stream().map(v -> v.fieldName() + ": " + v.indication() + " " + v.subIndication())
                    .collect(Collectors.joining(", ")) + "); the step waits");
        }
        String sha256 = keep(signed.content());
        workflow.signed(sha256);
        step.signedBy(caller);
        step.done(WorkflowStep.State.SIGNED, null, Instant.now());
        dropLinks(step);
        record(caller, AuditEvent.Action.WORKFLOW_SIGNED, sha256, workflow, "step " + step.position() + (byLink == null ? "" : ", " + byLink));
        List<WorkflowStep> steps = steps(id);
        if (steps.stream().noneMatch(s -> s.state() == WorkflowStep.State.PENDING)) {
            WorkflowStep next = steps.stream().filter(s -> s.state() == WorkflowStep.State.WAITING).findFirst().orElse(null);
            if (next != null) {
                turn(workflow, steps, next.stage());
            } else {
                complete(workflow);
            }
        }
        return WorkflowProgress.of(workflow, steps, caller, SignetGroup.namesOf(em, caller));
    }

    private boolean personsCredential(Seal seal) {
        SigningToken token = em.find(SigningToken.class, seal.key().token());
        return token != null && token.personsCredential();
    }

    /** The caller, whose turn it is, declines to sign: the workflow ends, and its initiator is told why. */
    public WorkflowProgress refuse(String id, String reason) {
        String caller = Callers.name(session);
        Workflow workflow = locked(id);
        WorkflowStep step = callersTurn(workflow, caller);
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        step.signedBy(caller);
        step.done(WorkflowStep.State.REFUSED, why, Instant.now());
        endPending(workflow);
        workflow.end(Workflow.State.REFUSED, caller + " refused to sign: " + why, Instant.now());
        record(caller, AuditEvent.Action.WORKFLOW_REFUSED, workflow.documentSha256(), workflow, "step " + step.position() + ": " + why);
        callBack(workflow);
        tellInitiator(workflow, "refused: " + workflow.documentName(), caller + " refused to sign \"" + workflow.documentName()
                + "\" (workflow " + workflow.id() + "): " + why + "\n\nThe workflow has ended.");
        return progress(workflow, steps(id));
    }

    private WorkflowProgress progress(Workflow workflow, List<WorkflowStep> steps) {
        String caller = Callers.name(session);
        return WorkflowProgress.of(workflow, steps, caller, SignetGroup.namesOf(em, caller));
    }

    /**
     * Reminds the signers halfway to their deadline (pointing to the workflow's page: their link still works), passes a
     * step past its deadline to its escalation user, or else ends its workflow, telling the initiator either way.
     */
    @Schedule(hour = "*", minute = "*", persistent = false)
    public void watchDeadlines() {
        Instant now = Instant.now();
        // deadlines as the database holds them: one an admin moved there counts, not the shared cache's copy
        for (WorkflowStep step : em.createQuery("SELECT s FROM WorkflowStep s WHERE s.state = :pending AND s.reminded = 0",
                WorkflowStep.class).setParameter("pending", WorkflowStep.State.PENDING)
                .setHint("jakarta.persistence.cache.storeMode", jakarta.persistence.CacheStoreMode.REFRESH).getResultList()) {
            if (step.dueForReminder(now) && step.deadline().isAfter(now)) {
                Workflow workflow = em.find(Workflow.class, step.workflowId());
                step.reminded();
                for (SignetUser signer : askable(step)) {
                    outbox.queue(signer.email(), "Reminder, please sign: " + workflow.documentName(), workflow.initiator()
                            + " still waits for your signature on \"" + workflow.documentName() + "\", until " + step.deadline() + ".\n\n"
                            + configuration.publicUrl() + PAGE + "?id=" + workflow.id() + "\n", null, null);
                }
            }
        }
        for (WorkflowStep step : em.createQuery("SELECT s FROM WorkflowStep s WHERE s.state = :pending AND s.deadline < :now",
                WorkflowStep.class).setParameter("pending", WorkflowStep.State.PENDING).setParameter("now", now)
                .setHint("jakarta.persistence.cache.storeMode", jakarta.persistence.CacheStoreMode.REFRESH).getResultList()) {
            Workflow workflow = em.find(Workflow.class, step.workflowId(), LockModeType.PESSIMISTIC_WRITE);
            if (workflow.state() != Workflow.State.RUNNING) {
                continue; // another overdue step of the same workflow ended it
            }
            String why = step.signerOrGroup() + " did not sign step " + step.position() + " within " + step.days() + " days";
            // the escalation user was ready when the workflow started; one who no longer is ends it now, not a deadline later
            String unready = step.escalateTo() == null ? null
                    : whyNot(em.find(SignetUser.class, step.escalateTo()), step.escalateTo(), step.oneTimeCodeRequired(), step.seal());
            if (unready != null) {
                why += ", and it cannot be passed to " + step.escalateTo() + ": " + unready;
            } else if (step.escalateTo() != null) {
                String to = step.escalateTo();
                dropLinks(step);
                step.escalate(now.plus(Duration.ofDays(step.days())), why);
                audit.record(new AuditEvent(now, "signet", AuditEvent.Action.WORKFLOW_ESCALATED, AuditEvent.Outcome.SUCCESS, null,
                        workflow.documentSha256(), "workflow " + workflow.id() + ": " + why + "; passed to " + to));
                ask(workflow, step, (int) steps(workflow.id()).stream().filter(s -> s.state() == WorkflowStep.State.SIGNED).count());
                tellInitiator(workflow, "escalated: " + workflow.documentName(), "In workflow " + workflow.id() + " for \""
                        + workflow.documentName() + "\", " + why + "; the step is passed to " + to + ", until " + step.deadline() + ".");
                continue;
            }
            step.done(WorkflowStep.State.EXPIRED, null, now);
            endPending(workflow);
            workflow.end(Workflow.State.EXPIRED, why, now);
            audit.record(new AuditEvent(now, "signet", AuditEvent.Action.WORKFLOW_EXPIRED, AuditEvent.Outcome.SUCCESS, null,
                    workflow.documentSha256(), "workflow " + workflow.id() + ": " + why));
            callBack(workflow);
            tellInitiator(workflow, "expired: " + workflow.documentName(), "The workflow " + workflow.id() + " for \""
                    + workflow.documentName() + "\" has ended: " + why + ".");
        }
    }

    /** Starts a stage: each of its steps waits, and each person who may sign one is mailed a link of their own. */
    private void turn(Workflow workflow, List<WorkflowStep> steps, int stage) {
        int before = (int) steps.stream().filter(s -> s.state() == WorkflowStep.State.SIGNED).count();
        for (WorkflowStep step : steps) {
            if (step.stage() != stage) {
                continue;
            }
            step.pending(Instant.now().plus(Duration.ofDays(step.days())));
            ask(workflow, step, before);
        }
    }

    /** Mails each person who may sign the waiting step a link of their own. */
    private void ask(Workflow workflow, WorkflowStep step, int signedBefore) {
        for (SignetUser signer : askable(step)) {
            byte[] token = new byte[32];
            RANDOM.nextBytes(token);
            String link = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
            em.persist(new WorkflowLink(linkHash(link), step, signer.name()));
            outbox.queue(signer.email(), "Please sign: " + workflow.documentName(),
                    workflow.initiator() + " asks you to sign \"" + workflow.documentName() + "\""
                            + (step.group() == null ? "" : " for group " + step.group() + " (one of you signs)")
                            + (signedBefore > 0 ? ", which " + signedBefore + " signer(s) signed before you" : "") + ".\n\n"
                            + (step.note() == null ? "" : "The step was passed to you: " + step.note() + ".\n\n")
                            + (step.linkOnly() ? "Open it here and sign it (from the organisation's network; no sign-in):\n"
                            : "Open it here, sign in and sign it:\n") + configuration.publicUrl() + PAGE + "?link=" + link + "\n\n"
                            + "The link is yours alone, and good until " + step.deadline() + "."
                            + (step.linkOnly() ? " It signs in your name: do not pass it on." : "")
                            + (step.oneTimeCodeRequired() ? " Your authenticator's one-time code confirms the signature." : "")
                            + "\nYour inbox: " + configuration.publicUrl() + "/signet/console/inbox.xhtml\n", null, null);
        }
    }

    /** Who is asked to sign a waiting step: its signer, or the group's members who can sign now. */
    private List<SignetUser> askable(WorkflowStep step) {
        if (step.signer() != null) {
            SignetUser user = em.find(SignetUser.class, step.signer());
            return user == null || user.email() == null ? List.of() : List.of(user);
        }
        return eligible(step.group(), step.oneTimeCodeRequired(), step.seal());
    }

    /**
     * The group's enabled people with an e-mail address who can sign with the step's seal, or their personal certificate
     * (and have an authenticator, if asked for).
     */
    private List<SignetUser> eligible(String group, boolean code, String seal) {
        SignetGroup found = em.find(SignetGroup.class, group);
        if (found == null) {
            return List.of();
        }
        List<SignetUser> people = new ArrayList<>();
        for (String member : new java.util.TreeSet<>(found.members())) {
            SignetUser user = em.find(SignetUser.class, member);
            if (user != null && user.kind() == SignetUser.Kind.PERSON && whyNot(user, member, code, seal) == null) {
                people.add(user);
            }
        }
        return people;
    }

    /** Every member of a group, for a step all of them sign. */
    private List<String> members(String group, int stage) {
        SignetGroup found = em.find(SignetGroup.class, group);
        if (found == null || found.members().isEmpty()) {
            throw invalid("step " + stage + ": there is no group '" + group + "' with members");
        }
        return List.copyOf(new java.util.TreeSet<>(found.members()));
    }


    /** Ends the steps still waiting (the workflow ends), and takes back their links. */
    private void endPending(Workflow workflow) {
        for (WorkflowStep other : steps(workflow.id())) {
            if (other.state() == WorkflowStep.State.PENDING || other.state() == WorkflowStep.State.WAITING) {
                other.done(WorkflowStep.State.CANCELLED, null, Instant.now());
            }
            dropLinks(other);
        }
    }

    private void dropLinks(WorkflowStep step) {
        em.createQuery("DELETE FROM WorkflowLink l WHERE l.stepId = :step").setParameter("step", step.id()).executeUpdate();
    }

    private void complete(Workflow workflow) {
        workflow.end(Workflow.State.COMPLETED, null, Instant.now());
        record(workflow.initiator(), AuditEvent.Action.WORKFLOW_COMPLETED, workflow.documentSha256(), workflow, "all signatures made");
        String body = "Every signer has signed \"" + workflow.documentName() + "\" (workflow " + workflow.id() + "); the signed"
                + " document is attached.\n";
        String attachment = PdfDocuments.signedName(workflow.documentName());
        SignetUser initiator = em.find(SignetUser.class, workflow.initiator());
        Set<String> recipients = new java.util.LinkedHashSet<>(workflow.recipients());
        if (initiator != null && initiator.email() != null) {
            recipients.add(initiator.email());
        }
        for (String recipient : recipients) {
            outbox.queue(recipient, "Signed: " + workflow.documentName(), body, attachment, workflow.documentSha256());
        }
        if (workflow.folder() != null) {
            writeSigned(workflow, attachment);
        }
        callBack(workflow);
    }

    /** Tells the template's callback URL that the workflow ended: its id, state, outcome, document and where to fetch it. */
    private void callBack(Workflow workflow) {
        if (workflow.callback() == null) {
            return;
        }
        java.net.URI url = java.net.URI.create(workflow.callback());
        if (!configuration.workflowCallbacks().contains(url)) {
            // the configuration no longer allows it; the workflow's end stands
            audit.record(new AuditEvent(Instant.now(), workflow.initiator(), AuditEvent.Action.WORKFLOW_COMPLETED, AuditEvent.Outcome.FAILED,
                    null, workflow.documentSha256(), "workflow " + workflow.id() + ": no callback to " + url + ", which "
                    + SignetConfiguration.WORKFLOW_CALLBACKS + " no longer allows"));
            return;
        }
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", workflow.id()).add("state", workflow.state().name()
                        .toLowerCase(Locale.ROOT)).add("documentName", workflow.documentName()).add("documentSha256", workflow.documentSha256())
                .add("document", configuration.publicUrl() + "/signet/api/workflows/" + workflow.id() + "/document");
        if (workflow.outcome() != null) {
            json.add("outcome", workflow.outcome());
        }
        outbox.callBack(url, "workflow " + workflow.id() + " " + workflow.state(), json.build().toString());
    }

    /**
     * The signed PDF into the template's folder, checked again against the allowed folders, under the document's name
     * (made safe), or with the workflow's id beside it when that is taken; nothing is replaced. A failure is audited and
     * told to the initiator: the signatures stand.
     */
    private void writeSigned(Workflow workflow, String fileName) {
        // the document's name has no path or control characters since the start; a file name keeps a narrower set
        String safe = fileName.replaceAll("[^A-Za-z0-9 ._+,()@=-]", "_").replaceFirst("^[^A-Za-z0-9]+", "");
        String name = HotFolderNames.isSafeName(safe) ? safe : "workflow-signed.pdf";
        try {
            Path folder = HotFolderBases.of(configuration).folder(workflow.folder(), "workflow output");
            Path target = folder.resolve(name);
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                target = folder.resolve(name.replaceFirst("(\\.pdf)?$", "-" + workflow.id() + ".pdf"));
            }
            OutputFiles.writeNew(target, document(workflow));
            record(workflow.initiator(), AuditEvent.Action.WORKFLOW_COMPLETED, workflow.documentSha256(), workflow, "written to " + target);
        } catch (IOException | SignetException e) {
            audit.record(new AuditEvent(Instant.now(), workflow.initiator(), AuditEvent.Action.WORKFLOW_COMPLETED, AuditEvent.Outcome.FAILED,
                    null, workflow.documentSha256(), "workflow " + workflow.id() + ": not written to " + workflow.folder() + ": " + e.getMessage()));
            tellInitiator(workflow, "not filed: " + workflow.documentName(), "The signed \"" + workflow.documentName() + "\" (workflow "
                    + workflow.id() + ") could not be written to " + workflow.folder() + ": " + e.getMessage());
        }
    }

    private void tellInitiator(Workflow workflow, String subject, String body) {
        SignetUser initiator = em.find(SignetUser.class, workflow.initiator());
        if (initiator != null && initiator.email() != null) {
            outbox.queue(initiator.email(), "Workflow " + subject, body, null, null);
        }
    }

    /**
     * An enabled user with an e-mail address, authorised for the step's seal or with a personal certificate (and an
     * authenticator, if the step asks for a code).
     */
    private void signerReady(String signer, int stage, boolean code, String seal) {
        String why = whyNot(em.find(SignetUser.class, signer), signer, code, seal);
        if (why != null) {
            throw invalid("step " + stage + ": " + why);
        }
    }

    /** Why the user cannot be asked to sign such a step, or null. Refuses nothing itself: a group's members are sifted with it. */
    private String whyNot(SignetUser user, String name, boolean code, String sealName) {
        if (user == null || !user.enabled()) {
            return "there is no enabled user '" + name + "'";
        }
        if (user.email() == null) {
            return "user '" + name + "' has no e-mail address to be asked at; an admin sets one";
        }
        if (sealName == null) {
            Seal personal = em.find(Seal.class, SealAdministration.PERSONAL + name);
            if (personal == null || !name.equals(personal.owner())) {
                return "user '" + name + "' has no personal certificate to sign with; an admin issues one";
            }
        } else if (seals.sealsFor(name).stream().noneMatch(s -> s.name().equals(sealName))) {
            return "user '" + name + "' is not authorised for seal '" + sealName + "'";
        }
        if (code && !secondFactors.hasAuthenticator(name)) {
            return "the step asks '" + name + "' for a one-time code, but '" + name + "' has no authenticator enrolled";
        }
        return null;
    }

    private WorkflowStep callersTurn(Workflow workflow, String caller) {
        if (workflow.state() != Workflow.State.RUNNING) {
            throw new SignetException(SignetException.Kind.CONFLICT, "workflow " + workflow.id() + " is "
                    + workflow.state().name().toLowerCase(Locale.ROOT) + "; nobody signs it any more");
        }
        List<WorkflowStep> pending = steps(workflow.id()).stream().filter(s -> s.state() == WorkflowStep.State.PENDING).toList();
        List<String> groups = SignetGroup.namesOf(em, caller);
        return pending.stream().filter(s -> caller.equals(s.signer())).findFirst()
                .or(() -> pending.stream().filter(s -> s.waitsFor(caller, groups)).findFirst())
                .orElseThrow(() -> new SignetException(SignetException.Kind.NOT_AUTHORISED, "workflow " + workflow.id()
                        + " waits for the signature of " + pending.stream().map(s -> "'" + s.signerOrGroup() + "'").toList()
                        .toString().replaceAll("[\\[\\]]", "") + ", not of '" + caller + "'"));
    }

    /** The workflow, locked against a second signature or refusal at the same moment, for a caller who may see it. */
    private Workflow locked(String id) {
        Workflow workflow = visible(id);
        em.lock(workflow, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(workflow);
        return workflow;
    }

    private Workflow visible(String id) {
        String caller = Callers.name(session);
        Workflow workflow = id == null ? null : em.find(Workflow.class, id.strip());
        if (workflow != null && (workflow.initiator().equals(caller) || session.isCallerInRole(AdminRole.NAME)
                || session.isCallerInRole(AdminRole.AUDITOR) || takesPart(workflow, caller))) {
            return workflow;
        }
        throw new SignetException(SignetException.Kind.UNKNOWN_WORKFLOW, "there is no workflow '" + id + "' for '" + caller + "'");
    }

    /** A signer of one of its steps, or a member of a step's group. */
    private boolean takesPart(Workflow workflow, String caller) {
        List<WorkflowStep> steps = steps(workflow.id());
        if (steps.stream().anyMatch(s -> caller.equals(s.signer()))) {
            return true;
        }
        List<String> groups = SignetGroup.namesOf(em, caller);
        return steps.stream().anyMatch(s -> s.group() != null && groups.contains(s.group()));
    }

    private List<WorkflowStep> steps(String id) {
        return em.createQuery("SELECT s FROM WorkflowStep s WHERE s.workflowId = :id ORDER BY s.position", WorkflowStep.class)
                .setParameter("id", id).getResultList();
    }

    private byte[] document(Workflow workflow) {
        try {
            return Files.readAllBytes(store().file(workflow.documentSha256()));
        } catch (IOException e) {
            throw new UncheckedIOException("the document of workflow " + workflow.id() + " is missing from the document store", e);
        }
    }

    private String keep(byte[] document) {
        String sha256 = Documents.sha256Hex(document);
        store().keep(sha256, document);
        return sha256;
    }

    private DocumentStore store() {
        return new DocumentStore(configuration.archiveStore());
    }

    private void record(String actor, AuditEvent.Action action, String sha256, Workflow workflow, String detail) {
        audit.record(new AuditEvent(Instant.now(), actor, action, AuditEvent.Outcome.SUCCESS, null, sha256,
                "workflow " + workflow.id() + " (" + workflow.documentName() + "): " + detail));
    }

    private static boolean emptyField(SignatureVerdict verdict) {
        return verdict.statusName() == org.signet.verification.SignatureStatus.EMPTY;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static SignatureLevel level(String given) {
        if (given == null || given.isBlank()) {
            return SignatureLevel.T;
        }
        try {
            return SignatureLevel.valueOf(given.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("the signature level is one of B, T, LT, LTA, not '" + given + "'");
        }
    }

    static String linkHash(String link) {
        return Documents.sha256Hex(link.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static SignetException invalid(String message) {
        return new SignetException(SignetException.Kind.INVALID_INPUT, message);
    }
}
