package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import org.signet.api.VerificationResult;
import org.signet.verification.VerificationService;

import java.io.InputStream;
import java.util.List;

/**
 * POST /api/verify: a signed document as the body (PDF, XML, CMS .p7m), or multipart with "document" and, for a
 * detached signature (.p7s, detached XAdES), "signature". {@code etsiReport=true} adds DSS's ETSI validation report.
 */
@Path("verify")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    @EJB
    private VerificationService verification;
    @Inject
    private Uploads uploads;

    @POST
    @Consumes(MediaType.WILDCARD)
    public VerificationResult verify(@QueryParam("name") String name, @QueryParam("etsiReport") boolean etsiReport,
                                     @QueryParam("archive") boolean archive, InputStream body) {
        return VerificationResult.of(verification.verify(uploads.read(body, "the document"), name, null, etsiReport, archive));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public VerificationResult verify(List<EntityPart> parts) {
        byte[] document = uploads.file(parts, "document", "the document");
        byte[] signature = uploads.part(parts, "signature").isPresent()
                ? uploads.file(parts, "signature", "the signature") : null;
        return VerificationResult.of(verification.verify(document, uploads.fileName(parts, "document", null), signature,
                Boolean.parseBoolean(uploads.text(parts, "etsiReport", "false")), Boolean.parseBoolean(uploads.text(parts, "archive", "false"))));
    }
}
