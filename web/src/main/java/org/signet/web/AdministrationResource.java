package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.signet.SignetException;
import org.signet.audit.AuditEntry;
import org.signet.pki.CertificateAuthority;
import org.signet.signing.SignatureFormat;
import org.signet.signing.SignatureLevel;
import org.signet.seal.SealAuthorisation;
import org.signet.security.Administration;

import java.util.List;
import java.util.Set;

/** Users, seal authorisations and the audit trail (admin role; the service enforces it). */
@Path("admin")
public class AdministrationResource {

    /** PUT /api/admin/users/{name} body. */
    public record UserUpdate(String password, Set<String> roles) { }

    /** PUT /api/admin/seals/{name} body; subject is optional. */
    public record NewSeal(String description, Set<String> formats, String maxLevel, String subject) { }

    @EJB
    private Administration administration;

    @PUT
    @Path("users/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putUser(@PathParam("name") String name, UserUpdate update) {
        if (update == null || update.password() == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the body must be {\"password\": ..., \"roles\": [...]}");
        }
        administration.putUser(name, update.password().toCharArray(), update.roles() == null ? Set.of() : update.roles());
        return Response.noContent().build();
    }

    @PUT
    @Path("seals/{seal}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createSeal(@PathParam("seal") String seal, NewSeal body) {
        if (body == null || body.formats() == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "the body must be {\"description\": ..., \"formats\": [\"PADES\", \"CADES\"], \"maxLevel\": \"LTA\"}");
        }
        Set<SignatureFormat> formats = body.formats().stream().map(SignatureFormat::parse).collect(java.util.stream.Collectors.toSet());
        administration.createSeal(seal, body.description(), formats, SignatureLevel.parse(body.maxLevel()), body.subject());
        return Response.status(Response.Status.CREATED).build();
    }

    @POST
    @Path("seals/{seal}/revocation")
    public Response revokeSeal(@PathParam("seal") String seal, @QueryParam("reason") String reason) {
        administration.revokeSeal(seal, CertificateAuthority.RevocationReason.parse(reason));
        return Response.noContent().build();
    }

    @PUT
    @Path("seals/{seal}/users/{user}")
    public Response authoriseUser(@PathParam("seal") String seal, @PathParam("user") String user) {
        administration.authorise(seal, SealAuthorisation.PrincipalKind.USER, user);
        return Response.noContent().build();
    }

    @GET
    @Path("audit")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AuditEntry> audit(@QueryParam("limit") @DefaultValue("100") int limit) {
        return administration.auditTrail(limit);
    }

    @PUT
    @Path("seals/{seal}/roles/{role}")
    public Response authoriseRole(@PathParam("seal") String seal, @PathParam("role") String role) {
        administration.authorise(seal, SealAuthorisation.PrincipalKind.ROLE, role);
        return Response.noContent().build();
    }
}
