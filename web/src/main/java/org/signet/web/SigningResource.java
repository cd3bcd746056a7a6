package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.signet.document.SpooledDocument;
import org.signet.model.SignatureFormat;
import org.signet.model.SignetException;
import org.signet.signing.SignedDocument;
import org.signet.signing.SigningOptions;
import org.signet.signing.SigningService;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * POST /api/sign/pdf (PAdES), /api/sign/file (CAdES) and /api/sign/xml (XAdES). Either the raw document as
 * the body with the options as query parameters, or multipart/form-data with a "document" part and the
 * options as parts. A raw body to sign/file for a detached signature is digested as it arrives, whatever its size; a
 * raw body to sign/pdf larger than the document limit is signed where the request spool holds it.
 * Options: seal, level (B, T, LT, LTA), hash (SHA-256 default, SHA-384, SHA-512), packaging (file: detached, attached; xml: enveloped,
 * enveloping, detached), name; for PDFs also signerName, reason, location, contactInfo, and field (an empty
 * signature field's name, or * for the first empty one) and subFilter (ETSI.CAdES.detached or adbe.pkcs7.detached);
 * a visible stamp with visible=true or any of page, rect ("x,y,width,height" in points from the top-left of the
 * page as displayed), stampText (a template) and, in multipart, an "image" part (PNG or JPEG logo).
 */
@Path("sign/{kind: pdf|file|xml|digest|mail}")
public class SigningResource {

    private static final Map<String, SignatureFormat> FORMATS =
            Map.of("pdf", SignatureFormat.PADES, "file", SignatureFormat.CADES, "xml", SignatureFormat.XADES);

    @EJB
    private SigningService signing;
    @Inject
    private Uploads uploads;
    @Context
    private HttpServletRequest http;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Response sign(@PathParam("kind") String kind, @QueryParam("seal") String seal, @QueryParam("level") String level,
                         @QueryParam("packaging") String packaging, @QueryParam("hash") String hash, @QueryParam("name") String name,
                         @QueryParam("signerName") String signerName, @QueryParam("reason") String reason,
                         @QueryParam("location") String location, @QueryParam("contactInfo") String contactInfo,
                         @QueryParam("field") String field, @QueryParam("subFilter") String subFilter,
                         @QueryParam("visible") Boolean visible, @QueryParam("page") String page, @QueryParam("rect") String rect,
                         @QueryParam("stampText") String stampText, @QueryParam("cards") String cards,
                         @QueryParam("pin") String pinInUrl, @HeaderParam(PIN_HEADER) String pin,
                         @HeaderParam(ONE_TIME_CODE_HEADER) String oneTimeCode, InputStream body) {
        refusePinInUrl(pinInUrl);
        SigningOptions options = new SigningOptions(seal, level, packaging, hash, name, signerName, reason, location, contactInfo,
                field, subFilter, visible, page, rect, null, stampText, cards, pin == null ? null : pin.toCharArray(), oneTimeCode);
        if (kind.equals("digest")) {
            return send(signing.sign(options.digestRequest(digest(uploads.read(body, "the digest")))));
        }
        if (kind.equals("file")) {
            return send(signing.sign(uploads.fileRequest(options, body)));
        }
        SpooledDocument largePdf = kind.equals("pdf") ? uploads.largePdf(http) : null;
        if (largePdf != null) {
            return send(signing.sign(options.pdfRequest(largePdf)));
        }
        return send(sign(kind, options, uploads.read(body, "the document")));
    }

    /** The body of sign/digest: the document's digest in hex, as sha256sum prints it (what follows a blank is ignored). */
    private static byte[] digest(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII).strip();
        int blank = text.indexOf(' ');
        String hex = blank < 0 ? text : text.substring(0, blank);
        if (hex.length() > 128 || !hex.matches("[0-9a-fA-F]+") || hex.length() % 2 != 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the body of sign/digest is the document's digest in hex"
                    + " (64 characters for SHA-256), not '" + (hex.length() > 40 ? hex.substring(0, 40) + "..." : hex) + "'");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** An individual card's PIN travels in this header (or a multipart part), never in the URL, where logs keep it. */
    static final String PIN_HEADER = "X-Signet-PIN";

    /** The caller's one-time code (TOTP), for a seal that requires a second factor; a header, so that no URL keeps it. */
    static final String ONE_TIME_CODE_HEADER = "X-Signet-One-Time-Code";
    /** The SHA-256 (hex) of the signature value: the signature's id in the archive, where it is entered on its own. */
    static final String SIGNATURE_ID_HEADER = "X-Signet-Signature-Id";

    static void refusePinInUrl(String pinInUrl) {
        if (pinInUrl != null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a PIN goes in the " + PIN_HEADER
                    + " header, never in the URL");
        }
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.WILDCARD)
    public Response sign(@PathParam("kind") String kind, @QueryParam("pin") String pinInUrl, @HeaderParam(PIN_HEADER) String pin,
                         @HeaderParam(ONE_TIME_CODE_HEADER) String oneTimeCode, List<EntityPart> parts) {
        refusePinInUrl(pinInUrl);
        if (kind.equals("digest")) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "sign/digest takes the digest in hex as its body, not a form");
        }
        String partPin = pin != null ? pin : uploads.text(parts, "pin", null);
        byte[] document = uploads.file(parts, "document", "the document");
        return send(sign(kind, new SigningOptions(uploads.text(parts, "seal", null), uploads.text(parts, "level", null),
                uploads.text(parts, "packaging", null), uploads.text(parts, "hash", null), uploads.fileName(parts, "document", null),
                uploads.text(parts, "signerName", null), uploads.text(parts, "reason", null), uploads.text(parts, "location", null),
                uploads.text(parts, "contactInfo", null), uploads.text(parts, "field", null), uploads.text(parts, "subFilter", null),
                Boolean.valueOf(uploads.text(parts, "visible", "false")), uploads.text(parts, "page", null), uploads.text(parts, "rect", null),
                uploads.part(parts, "image").isPresent() ? uploads.file(parts, "image", "the stamp image") : null,
                uploads.text(parts, "stampText", null), uploads.text(parts, "cards", null),
                partPin == null ? null : partPin.toCharArray(), oneTimeCode != null ? oneTimeCode
                : uploads.text(parts, "oneTimeCode", null)), document));
    }

    /** A mail is sealed as S/MIME (a CAdES signature over its MIME entity); the other kinds are their formats. */
    private SignedDocument sign(String kind, SigningOptions options, byte[] document) {
        return kind.equals("mail") ? signing.signMail(options.request(SignatureFormat.CADES, document))
                : signing.sign(options.request(FORMATS.get(kind), document));
    }

    private static Response send(SignedDocument signed) {
        if (signed == null) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "nothing was signed");
        }
        // A PDF too large to hold goes out as it came, from the spool, followed by the revision holding the signature.
        Object entity = signed.original() == null ? signed.content() : (StreamingOutput) out -> {
            try (InputStream in = signed.open()) {
                in.transferTo(out);
            }
        };
        return Response.ok(entity, signed.mimeType())
                .header("Content-Length", signed.length())
                .header("Content-Disposition", "attachment; filename=\"" + signed.fileName().replace("\"", "") + "\"")
                .header("X-Signet-Seal", signed.sealName())
                .header("X-Signet-Signing-Time", signed.signingTime().toString())
                .header(SIGNATURE_ID_HEADER, signed.signatureId())
                .build();
    }
}
