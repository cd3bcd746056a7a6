package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.signet.api.ArchiveDescription;
import org.signet.api.ArchiveHashRenewalResult;
import org.signet.api.ArchiveRenewalResult;
import org.signet.api.ArchiveSealingResult;
import org.signet.api.EvidenceVerificationResult;
import org.signet.api.KeptDocument;
import org.signet.archive.ArchiveService;
import org.signet.archive.EvidenceForm;
import org.signet.archive.EvidenceVerification;

import java.io.InputStream;
import java.util.List;

/** The long-term archive: evidence records (RFC 4998, DER) of signed documents, its state, a sealing on demand. */
@Path("archive")
public class ArchiveResource {

    /** The media type of RFC 4998 evidence records (RFC 4998 §7). */
    static final String EVIDENCE_RECORD = "application/evidence-record";

    @EJB
    private ArchiveService archive;
    @EJB
    private EvidenceVerification verification;
    @Inject
    private Uploads uploads;

    /** POST /api/archive/evidence[?form=xml]: the signed document in the body; its evidence record back. */
    @POST
    @Path("evidence")
    @Consumes(MediaType.WILDCARD)
    @Produces({EVIDENCE_RECORD, MediaType.APPLICATION_XML})
    public Response evidence(@QueryParam("form") String form, InputStream body) {
        EvidenceForm chosen = EvidenceForm.parse(form);
        return record(archive.evidenceRecord(uploads.read(body, "the document"), chosen), chosen);
    }

    /** GET /api/archive/evidence/{sha256}[?form=xml]: the evidence record of the document with that SHA-256. */
    @GET
    @Path("evidence/{sha256}")
    @Produces({EVIDENCE_RECORD, MediaType.APPLICATION_XML})
    public Response evidence(@PathParam("sha256") String sha256, @QueryParam("form") String form) {
        EvidenceForm chosen = EvidenceForm.parse(form);
        return record(archive.evidenceRecordOf(sha256, chosen), chosen);
    }

    /** GET /api/archive/evidence?hotFolder=H&batch=B&file=F[&form=xml]: the evidence record of a file of a hot-folder batch. */
    @GET
    @Path("evidence")
    @Produces({EVIDENCE_RECORD, MediaType.APPLICATION_XML})
    public Response evidence(@QueryParam("hotFolder") String hotFolder, @QueryParam("batch") String batch,
                             @QueryParam("file") String file, @QueryParam("form") String form) {
        EvidenceForm chosen = EvidenceForm.parse(form);
        return record(archive.evidenceRecordIn(hotFolder, batch, file, chosen), chosen);
    }

    /**
     * POST /api/archive/documents: an archived document in the body, brought back to the archive store (by an admin
     * or a user who signed it) so that the next hash-tree renewal renews its evidence.
     */
    @POST
    @Path("documents")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public KeptDocument keep(InputStream body) {
        return KeptDocument.of(archive.keepDocument(uploads.read(body, "the document")));
    }

    /** POST /api/archive/verification: multipart {@code document} and {@code evidenceRecord}; the verdict. */
    @POST
    @Path("verification")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public EvidenceVerificationResult verify(List<EntityPart> parts) {
        return EvidenceVerificationResult.of(verification.verify(uploads.file(parts, "document", "the document"),
                uploads.fileName(parts, "document", null), uploads.file(parts, "evidenceRecord", "the evidence record")));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ArchiveDescription state() {
        return ArchiveDescription.of(archive.state());
    }

    /** POST /api/archive/seal: seals what waits now (admin), as the daily sealing does. */
    @POST
    @Path("seal")
    @Produces(MediaType.APPLICATION_JSON)
    public ArchiveSealingResult seal() {
        return ArchiveSealingResult.of(archive.sealNow());
    }

    /** POST /api/archive/renewal[?days=N]: renews the time stamps that expire within N days (admin). */
    @POST
    @Path("renewal")
    @Produces(MediaType.APPLICATION_JSON)
    public ArchiveRenewalResult renew(@QueryParam("days") Integer days) {
        return new ArchiveRenewalResult(archive.renewNow(days));
    }

    /**
     * POST /api/archive/hash-renewal[?algorithm=SHA-512]: renews the hash trees of all evidence not yet in that hash
     * (absent: the configured one) from the documents the archive store keeps (admin).
     */
    @POST
    @Path("hash-renewal")
    @Produces(MediaType.APPLICATION_JSON)
    public ArchiveHashRenewalResult renewHashes(@QueryParam("algorithm") String algorithm) {
        return ArchiveHashRenewalResult.of(archive.renewHashesNow(algorithm));
    }

    private static Response record(byte[] record, EvidenceForm form) {
        return Response.ok(record, form.mediaType()).header("Content-Disposition", "attachment; filename=\"evidence"
                + form.extension() + "\"").build();
    }
}
