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
import jakarta.ws.rs.core.Response;
import org.signet.signing.PdfSignatureFields;
import org.signet.signing.SignRequest;
import org.signet.signing.SignatureLevel;
import org.signet.signing.SignedDocument;
import org.signet.signing.SigningService;

import java.io.InputStream;
import java.util.List;

/**
 * POST /api/sign/pdf and /api/sign/file (level B, T, LT or LTA). Either the raw document as the body with the options as query
 * parameters, or multipart/form-data with a "document" part and the options as parts.
 */
@Path("sign")
public class SigningResource {

    @EJB
    private SigningService signing;
    @Inject
    private Uploads uploads;

    @POST
    @Path("pdf")
    @Consumes({"application/pdf", MediaType.APPLICATION_OCTET_STREAM})
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    public Response signPdf(@QueryParam("seal") String seal, @QueryParam("level") String level, @QueryParam("name") String fileName,
                            @QueryParam("signerName") String signerName, @QueryParam("reason") String reason,
                            @QueryParam("location") String location, @QueryParam("contactInfo") String contactInfo,
                            InputStream body) {
        byte[] pdf = uploads.read(body, "the document");
        return send(signing.sign(SignRequest.pades(seal, SignatureLevel.parse(level), pdf, fileName,
                new PdfSignatureFields(signerName, reason, location, contactInfo))));
    }

    @POST
    @Path("pdf")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    public Response signPdf(List<EntityPart> parts) {
        byte[] pdf = uploads.file(parts, "document", "the document");
        return send(signing.sign(SignRequest.pades(uploads.text(parts, "seal", null),
                SignatureLevel.parse(uploads.text(parts, "level", null)), pdf,
                uploads.fileName(parts, "document", null),
                new PdfSignatureFields(uploads.text(parts, "signerName", null), uploads.text(parts, "reason", null),
                        uploads.text(parts, "location", null), uploads.text(parts, "contactInfo", null)))));
    }

    @POST
    @Path("file")
    @Consumes(MediaType.WILDCARD)
    @Produces({"application/pkcs7-signature", MediaType.APPLICATION_JSON})
    public Response signFile(@QueryParam("seal") String seal, @QueryParam("level") String level, @QueryParam("name") String fileName,
                             InputStream body) {
        return send(signing.sign(SignRequest.cadesDetached(seal, SignatureLevel.parse(level), uploads.read(body, "the document"),
                fileName)));
    }

    @POST
    @Path("file")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({"application/pkcs7-signature", MediaType.APPLICATION_JSON})
    public Response signFile(List<EntityPart> parts) {
        byte[] content = uploads.file(parts, "document", "the document");
        return send(signing.sign(SignRequest.cadesDetached(uploads.text(parts, "seal", null),
                SignatureLevel.parse(uploads.text(parts, "level", null)), content,
                uploads.fileName(parts, "document", null))));
    }

    private static Response send(SignedDocument signed) {
        return Response.ok(signed.content(), signed.mimeType())
                .header("Content-Disposition", "attachment; filename=\"" + signed.fileName().replace("\"", "") + "\"")
                .header("X-Signet-Seal", signed.sealName())
                .header("X-Signet-Signing-Time", signed.signingTime().toString())
                .build();
    }
}
