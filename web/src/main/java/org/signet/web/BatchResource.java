package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.signet.api.AdminRequests.OneTimeCode;
import org.signet.api.BatchDescription;
import org.signet.api.StoredDocuments;
import org.signet.hotfolder.HotFolders;
import org.signet.model.SignetException;

import java.io.InputStream;
import java.util.List;

/** Hot-folder batches for schedulers: approve, poll, stop, restart (an admin or the hot folder's run-as user). */
@Path("batches")
public class BatchResource {

    @EJB
    private HotFolders hotFolders;
    @Inject
    private Uploads uploads;

    /** POST /api/batches?hotFolder=scans&name=2026-11-22: approves the filled batch folder; 201 with its progress. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response approve(@QueryParam("hotFolder") String hotFolder, @QueryParam("name") String name) {
        String id = hotFolders.approve(hotFolder, name);
        return Response.status(Response.Status.CREATED).entity(BatchDescription.of(hotFolders.progress(id))).build();
    }

    /** PUT /api/batches/{hotFolder}/{batch}/documents/{file}: one document into a batch, before its approval. */
    @PUT
    @Path("{hotFolder}/{batch}/documents/{file}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("hotFolder") String hotFolder, @PathParam("batch") String batch, @PathParam("file") String file,
                        InputStream body) {
        hotFolders.putDocument(hotFolder, batch, file, uploads.read(body, "the document"));
        return Response.status(Response.Status.CREATED).build();
    }

    /** POST /api/batches/{hotFolder}/{batch}/documents: many documents in one multipart call, each named by its filename. */
    @POST
    @Path("{hotFolder}/{batch}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response putMany(@PathParam("hotFolder") String hotFolder, @PathParam("batch") String batch,
                            List<EntityPart> parts) {
        int stored = 0;
        for (EntityPart part : parts) {
            String file = part.getFileName().orElseThrow(() -> new SignetException(SignetException.Kind.INVALID_INPUT,
                    "the part '" + part.getName() + "' has no filename"));
            hotFolders.putDocument(hotFolder, batch, file, uploads.read(part.getContent(), file));
            stored++;
        }
        return Response.status(Response.Status.CREATED).entity(new StoredDocuments(stored)).build();
    }

    /** GET /api/batches/{id}/results/{name}: a signed document, a detached signature, or report.csv. */
    @GET
    @Path("{id}/results/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response result(@PathParam("id") String id, @PathParam("name") String name) {
        return Response.ok(hotFolders.result(id, name))
                .header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"").build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public BatchDescription progress(@PathParam("id") String id) {
        return BatchDescription.of(hotFolders.progress(id));
    }

    @POST
    @Path("{id}/stop")
    public Response stop(@PathParam("id") String id) {
        hotFolders.stop(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/restart")
    public Response restart(@PathParam("id") String id) {
        hotFolders.restart(id);
        return Response.noContent().build();
    }

    /** The batches waiting for a person's confirmation whose seals the caller may use. */
    @GET
    @Path("awaiting-confirmation")
    @Produces(MediaType.APPLICATION_JSON)
    public List<BatchDescription> awaitingConfirmation() {
        return hotFolders.awaitingConfirmation().stream().map(BatchDescription::of).toList();
    }

    /** A person confirms a batch whose seal requires a second factor, with a one-time code: the batch is signed. */
    @POST
    @Path("{id}/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public BatchDescription confirm(@PathParam("id") String id, OneTimeCode body) {
        return BatchDescription.of(hotFolders.confirm(id, body == null ? null : body.code()));
    }
}
