package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.signet.api.WorkflowDescription;
import org.signet.api.WorkflowRequest;
import org.signet.api.WorkflowTemplateDescription;
import org.signet.model.SignetException;
import org.signet.workflow.WorkflowTemplates;
import org.signet.workflow.Workflows;

import java.util.List;

/**
 * Signature workflows: POST a PDF ("document" part) with its signers ("workflow" part, JSON: {"steps": [{"signer":
 * "alice", "field": "Signature1", "oneTimeCode": true, "days": 7}, {"group": "finance"}, ...], "recipients": [...],
 * "level": "T"}) or a template's name ("template" part); each signer is mailed a link, and signs on the page it opens,
 * or here.
 */
@Path("workflows")
public class WorkflowResource {

    @EJB
    private Workflows workflows;
    @EJB
    private WorkflowTemplates templates;
    @Inject
    private Uploads uploads;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(List<EntityPart> parts) {
        String template = uploads.text(parts, "template", null);
        if (template != null) {
            return Response.status(Response.Status.CREATED).entity(WorkflowDescription.of(workflows.start(
                    uploads.file(parts, "document", "the document"), uploads.fileName(parts, "document", null), template))).build();
        }
        String json = uploads.text(parts, "workflow", null);
        if (json == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the multipart request has no part named 'workflow'"
                    + " ({\"steps\": [{\"signer\": ...}, ...]}) or 'template' (a template's name)");
        }
        WorkflowRequest request;
        try {
            request = JsonBindings.JSONB.fromJson(json, WorkflowRequest.class);
        } catch (JsonbException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the part 'workflow' is not a workflow in JSON"
                    + " ({\"steps\": [{\"signer\": ...}, ...]}): " + e.getMessage());
        }
        WorkflowDescription started = WorkflowDescription.of(workflows.start(uploads.file(parts, "document", "the document"),
                uploads.fileName(parts, "document", null), request.plan()));
        return Response.status(Response.Status.CREATED).entity(started).build();
    }

    /** The caller's workflows, newest first: waiting for the caller, started by the caller, signed by the caller. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<WorkflowDescription> inbox() {
        return workflows.inbox().stream().map(WorkflowDescription::of).toList();
    }

    /** The workflow templates the caller may start. */
    @GET
    @Path("templates")
    @Produces(MediaType.APPLICATION_JSON)
    public List<WorkflowTemplateDescription> templates() {
        return templates.startable().stream().map(WorkflowTemplateDescription::of).toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public WorkflowDescription describe(@PathParam("id") String id) {
        return WorkflowDescription.of(workflows.describe(id));
    }

    /** The PDF with every signature made so far. */
    @GET
    @Path("{id}/document")
    @Produces("application/pdf")
    public Response document(@PathParam("id") String id) {
        String name = workflows.describe(id).workflow().documentName();
        return Response.ok(workflows.document(id), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"").build();
    }

    /** Signs as the caller, whose turn it is; a step that asks for it takes the one-time code in X-Signet-One-Time-Code. */
    @POST
    @Path("{id}/signature")
    @Produces(MediaType.APPLICATION_JSON)
    public WorkflowDescription sign(@PathParam("id") String id, @HeaderParam(SigningResource.ONE_TIME_CODE_HEADER) String oneTimeCode) {
        return WorkflowDescription.of(workflows.sign(id, oneTimeCode));
    }

    /** Declines to sign ({"reason": ...}); the workflow ends. */
    @POST
    @Path("{id}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public WorkflowDescription refuse(@PathParam("id") String id, WorkflowRequest.Refusal refusal) {
        return WorkflowDescription.of(workflows.refuse(id, refusal == null ? null : refusal.reason()));
    }
}
