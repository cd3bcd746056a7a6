package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.signet.admin.AuditQuery;
import org.signet.admin.KeyAdministration;
import org.signet.admin.SealAdministration;
import org.signet.admin.UserAdministration;
import org.signet.api.AdminRequests.Archiving;
import org.signet.api.AdminRequests.Activation;
import org.signet.api.AdminRequests.KeyLimits;
import org.signet.api.AdminRequests.NewKey;
import org.signet.api.AdminRequests.NewSeal;
import org.signet.api.AdminRequests.NewToken;
import org.signet.api.AdminRequests.PersonalCertificateRequest;
import org.signet.api.AdminRequests.SealClientCertificate;
import org.signet.api.AdminRequests.WorkflowTemplateUpdate;
import org.signet.api.WorkflowTemplateDescription;
import org.signet.workflow.WorkflowTemplates;
import org.signet.api.AdminRequests.SealClients;
import org.signet.api.AdminRequests.SealTokenScope;
import org.signet.api.AdminRequests.SealHours;
import org.signet.api.AdminRequests.GroupUpdate;
import org.signet.api.AdminRequests.SecondFactor;
import org.signet.api.AdminRequests.UserEnabling;
import org.signet.api.AdminRequests.UserUpdate;
import org.signet.api.AuditCheckpointDescription;
import org.signet.api.AuditRecord;
import org.signet.api.AuditTrailVerification;
import org.signet.api.BatchDescription;
import org.signet.api.CertificationRequest;
import org.signet.api.DirectoryDescription;
import org.signet.api.GroupDescription;
import org.signet.api.HotFolderDescription;
import org.signet.api.KeyCertificate;
import org.signet.api.KeyDescription;
import org.signet.api.KeyTestResult;
import org.signet.api.PersonalCertificateDescription;
import org.signet.api.ProcessPassword;
import org.signet.api.SealAuthorisations;
import org.signet.api.UserDescription;
import org.signet.hotfolder.HotFolders;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;
import org.signet.pki.CertificateAuthority;
import org.signet.security.SecondFactors;
import org.signet.seal.SealAuthorisation;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Users, seal authorisations and the audit trail (admin role; the service enforces it). */
@Path("admin")
public class AdministrationResource {

    @EJB
    private WorkflowTemplates workflowTemplates;
    @EJB
    private SecondFactors secondFactors;
    @EJB
    private UserAdministration users;
    @EJB
    private SealAdministration sealAdministration;
    @EJB
    private KeyAdministration keyAdministration;
    @EJB
    private AuditQuery auditQuery;
    @EJB
    private HotFolders hotFolders;
    @Inject
    private Uploads uploads;

    /** Creates or changes a user; a new process given no password gets one, answered this once (201 with it). */
    @PUT
    @Path("users/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response putUser(@PathParam("name") String name, UserUpdate update) {
        if (update == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "the body must be {\"kind\": \"person\" or \"process\", \"password\": ..., \"roles\": [...], \"email\": ...}");
        }
        String made = users.putUser(name, update.kind(), update.password() == null ? null : update.password().toCharArray(), update.roles(),
                update.email());
        return made == null ? Response.noContent().build()
                : Response.status(Response.Status.CREATED).entity(new ProcessPassword(name, made)).build();
    }

    /** Issues the person an advanced-signature certificate and key from Signet's CA, which only that person may use. */
    @POST
    @Path("users/{name}/certificate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issuePersonalCertificate(@PathParam("name") String name, PersonalCertificateRequest body) {
        return Response.status(Response.Status.CREATED).entity(PersonalCertificateDescription.of(
                sealAdministration.issuePersonalCertificate(name, body == null ? null : body.subject()))).build();
    }

    @GET
    @Path("users")
    @Produces(MediaType.APPLICATION_JSON)
    public List<UserDescription> listUsers() {
        return users.listUsers().stream().map(UserDescription::of).toList();
    }

    /** The TLS client certificate (PEM or DER) that logs in as the user; Signet keeps its SHA-256 fingerprint. */
    @PUT
    @Path("users/{name}/client-certificate")
    @Consumes({"application/pkix-cert", "application/x-pem-file", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    public Response setClientCertificate(@PathParam("name") String name, @QueryParam("match") String match, byte[] certificate) {
        if (certificate == null || certificate.length == 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the body is the client certificate (PEM or DER); DELETE removes it");
        }
        if (match != null && !match.equals("certificate") && !match.equals("subject")) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "match is 'certificate' (this one alone) or 'subject' (its subject"
                    + " from its issuer, renewals too), not '" + match + "'");
        }
        users.setClientCertificate(name, certificate, "subject".equals(match));
        return Response.noContent().build();
    }

    @DELETE
    @Path("users/{name}/client-certificate")
    public Response removeClientCertificate(@PathParam("name") String name) {
        users.setClientCertificate(name, null, false);
        return Response.noContent().build();
    }

    @PUT
    @Path("users/{name}/enabled")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setUserEnabled(@PathParam("name") String name, UserEnabling body) {
        if (body == null || body.enabled() == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the body must be {\"enabled\": true or false}");
        }
        users.setEnabled(name, body.enabled());
        return Response.noContent().build();
    }

    /** Creates or replaces a workflow template (its steps, recipients, level, and who may start it). */
    @PUT
    @Path("workflow-templates/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putWorkflowTemplate(@PathParam("name") String name, WorkflowTemplateUpdate body) {
        if (body == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the body must be {\"steps\": [{\"signer\": ...}, ...],"
                    + " \"recipients\": [...], \"level\": ..., \"starters\": [...]}");
        }
        workflowTemplates.put(name, body.description(), body.plan(), body.starters(), body.folder(), body.callback());
        return Response.noContent().build();
    }

    @GET
    @Path("workflow-templates")
    @Produces(MediaType.APPLICATION_JSON)
    public List<WorkflowTemplateDescription> listWorkflowTemplates() {
        return workflowTemplates.list().stream().map(WorkflowTemplateDescription::of).toList();
    }

    @DELETE
    @Path("workflow-templates/{name}")
    public Response deleteWorkflowTemplate(@PathParam("name") String name) {
        workflowTemplates.delete(name);
        return Response.noContent().build();
    }

    @DELETE
    @Path("users/{name}")
    public Response deleteUser(@PathParam("name") String name) {
        users.deleteUser(name);
        return Response.noContent().build();
    }

    @GET
    @Path("directory")
    @Produces(MediaType.APPLICATION_JSON)
    public DirectoryDescription directory() {
        return DirectoryDescription.of(users.directory());
    }

    @GET
    @Path("groups")
    @Produces(MediaType.APPLICATION_JSON)
    public List<GroupDescription> listGroups() {
        return users.listGroups().stream().map(GroupDescription::of).toList();
    }

    @PUT
    @Path("groups/{group}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putGroup(@PathParam("group") String group, GroupUpdate body) {
        users.putGroup(group, body == null ? null : body.description(), body == null ? null : body.members(),
                body == null ? null : body.roles(), body == null ? null : body.directoryGroup());
        return Response.noContent().build();
    }

    @DELETE
    @Path("groups/{group}")
    public Response deleteGroup(@PathParam("group") String group) {
        users.deleteGroup(group);
        return Response.noContent().build();
    }

    @PUT
    @Path("groups/{group}/members/{user}")
    public Response addGroupMember(@PathParam("group") String group, @PathParam("user") String user) {
        users.setMember(group, user, true);
        return Response.noContent().build();
    }

    @DELETE
    @Path("groups/{group}/members/{user}")
    public Response removeGroupMember(@PathParam("group") String group, @PathParam("user") String user) {
        users.setMember(group, user, false);
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
        Set<SignatureFormat> formats = body.formats().stream().map(SignatureFormat::parse).collect(Collectors.toSet());
        sealAdministration.createSeal(seal, body.description(), formats, SignatureLevel.parse(body.maxLevel()), body.subject(), body.keys(),
                body.archive(), body.keepDocuments());
        return Response.status(Response.Status.CREATED).build();
    }

    @PUT
    @Path("seals/{seal}/second-factor")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setSealSecondFactor(@PathParam("seal") String seal, SecondFactor body) {
        sealAdministration.setSecondFactor(seal, body == null ? null : body.secondFactor());
        return Response.noContent().build();
    }

    @PUT
    @Path("seals/{seal}/clients")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setSealClients(@PathParam("seal") String seal, SealClients body) {
        sealAdministration.setClients(seal, body == null || body.clients() == null ? List.of() : body.clients());
        return Response.noContent().build();
    }

    @PUT
    @Path("seals/{seal}/client-certificate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setSealClientCertificate(@PathParam("seal") String seal, SealClientCertificate body) {
        if (body == null || body.required() == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the body must be {\"required\": true or false}");
        }
        sealAdministration.setClientCertificateRequired(seal, body.required());
        return Response.noContent().build();
    }

    @PUT
    @Path("seals/{seal}/token-scope")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setSealTokenScope(@PathParam("seal") String seal, SealTokenScope body) {
        sealAdministration.setTokenScope(seal, body == null ? null : body.scope());
        return Response.noContent().build();
    }

    @PUT
    @Path("seals/{seal}/hours")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setSealHours(@PathParam("seal") String seal, SealHours body) {
        sealAdministration.setHours(seal, body == null ? null : body.hours(), body == null ? null : body.zone());
        return Response.noContent().build();
    }

    @DELETE
    @Path("users/{name}/authenticator")
    public Response resetAuthenticator(@PathParam("name") String name) {
        secondFactors.reset(name);
        return Response.noContent().build();
    }

    @PUT
    @Path("seals/{seal}/archiving")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setSealArchiving(@PathParam("seal") String seal, Archiving body) {
        if (body == null || body.archive() == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "the body must be {\"archive\": true or false[, \"keepDocuments\": true or false]}");
        }
        sealAdministration.setArchiving(seal, body.archive(), body.keepDocuments());
        return Response.noContent().build();
    }

    @PUT
    @Path("tokens/{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response registerToken(@PathParam("token") String token, NewToken body) {
        if (body == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the body must be {\"library\": ..., \"slot\": ..., \"pin\": ...}"
                    + " or {\"service\": ..., \"login\": \"basic\" or \"oauth2-client\", \"account\": ..., \"password\": ...}");
        }
        if (body.service() != null) {
            keyAdministration.registerRemoteToken(token, body.service(), body.login(), body.account(),
                    body.password() == null ? null : body.password().toCharArray());
        } else {
            keyAdministration.registerToken(token, body.library(), body.slot(), body.mode(),
                    body.pin() == null ? null : body.pin().toCharArray(), body.activationSignatures(), body.activationPeriod());
        }
        return Response.status(Response.Status.CREATED).build();
    }

    @POST
    @Path("tokens/{token}/activation")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response activateToken(@PathParam("token") String token, Activation body) {
        keyAdministration.activateToken(token, body == null || body.pin() == null ? null : body.pin().toCharArray());
        return Response.noContent().build();
    }

    @DELETE
    @Path("tokens/{token}/activation")
    public Response deactivateToken(@PathParam("token") String token) {
        keyAdministration.deactivateToken(token);
        return Response.noContent().build();
    }

    /** A key pair made inside the token and a PKCS#10 request for it, for an outside CA. */
    @POST
    @Path("tokens/{token}/requests/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response requestCertificate(@PathParam("token") String token, @PathParam("alias") String alias, NewKey body) {
        NewKey options = body == null ? new NewKey(null, null, null) : body;
        String request = keyAdministration.requestCertificate(token, alias, options.algorithm(),
                options.keySize() == null ? 0 : options.keySize(), options.subject());
        return Response.status(Response.Status.CREATED).entity(new CertificationRequest(token + "/" + alias, request)).build();
    }

    /** The chain an outside CA issued (PEM, DER or PKCS#7 in the body). */
    @PUT
    @Path("keys/{token}/{alias}/chain")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public KeyCertificate importChain(@PathParam("token") String token, @PathParam("alias") String alias, InputStream body) {
        return KeyCertificate.of(token, alias, keyAdministration.importChain(token, alias, uploads.read(body, "the certificate chain")));
    }

    /** Signs a challenge with the key and checks it; an individual card's PIN in the X-Signet-PIN header. */
    @POST
    @Path("keys/{token}/{alias}/test")
    @Produces(MediaType.APPLICATION_JSON)
    public KeyTestResult testKey(@PathParam("token") String token, @PathParam("alias") String alias,
                                          @HeaderParam(SigningResource.PIN_HEADER) String pin) {
        return KeyTestResult.of(keyAdministration.testKey(token, alias, pin == null ? null : pin.toCharArray()));
    }

    @POST
    @Path("tokens/{token}/keys/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response generateKey(@PathParam("token") String token, @PathParam("alias") String alias, NewKey body) {
        NewKey options = body == null ? new NewKey(null, null, null) : body;
        X509Certificate certificate = keyAdministration.generateKey(token, alias, options.algorithm(),
                options.keySize() == null ? 0 : options.keySize(), options.subject());
        return Response.status(Response.Status.CREATED).entity(KeyCertificate.of(token, alias, certificate)).build();
    }

    @PUT
    @Path("keys/{token}/{alias}/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setKeyLimits(@PathParam("token") String token, @PathParam("alias") String alias, KeyLimits body) {
        KeyLimits limits = body == null ? new KeyLimits(null, null, null) : body;
        keyAdministration.setKeyLimits(token + "/" + alias, limits.maxSignatures(), limits.usableFrom(), limits.usableUntil());
        return Response.noContent().build();
    }

    /** PUT /api/admin/hotfolders/{name}: a watched root and its options; the name comes from the path. */
    @PUT
    @Path("hotfolders/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public HotFolderDescription putHotFolder(@PathParam("name") String name, HotFolderDescription body) {
        if (body == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the body must describe the hot folder: root, out, error, format, seal ...");
        }
        return HotFolderDescription.of(hotFolders.put(body.spec(name)));
    }

    @GET
    @Path("hotfolders")
    @Produces(MediaType.APPLICATION_JSON)
    public List<HotFolderDescription> hotFolders() {
        return hotFolders.list().stream().map(HotFolderDescription::of).toList();
    }

    @DELETE
    @Path("hotfolders/{name}")
    public Response removeHotFolder(@PathParam("name") String name) {
        hotFolders.remove(name);
        return Response.noContent().build();
    }

    @GET
    @Path("batches")
    @Produces(MediaType.APPLICATION_JSON)
    public List<BatchDescription> batches(@QueryParam("limit") Integer limit) {
        return hotFolders.batches(limit).stream().map(BatchDescription::of).toList();
    }

    @GET
    @Path("keys")
    @Produces(MediaType.APPLICATION_JSON)
    public List<KeyDescription> keys() {
        return keyAdministration.listKeys().stream().map(KeyDescription::of).toList();
    }

    @POST
    @Path("seals/{seal}/revocation")
    public Response revokeSeal(@PathParam("seal") String seal, @QueryParam("reason") String reason) {
        sealAdministration.revokeSeal(seal, CertificateAuthority.RevocationReason.parse(reason));
        return Response.noContent().build();
    }

    @PUT
    @Path("seals/{seal}/users/{user}")
    public Response authoriseUser(@PathParam("seal") String seal, @PathParam("user") String user) {
        sealAdministration.authorise(seal, SealAuthorisation.PrincipalKind.USER, user);
        return Response.noContent().build();
    }

    @DELETE
    @Path("seals/{seal}/users/{user}")
    public Response withdrawUser(@PathParam("seal") String seal, @PathParam("user") String user) {
        sealAdministration.withdraw(seal, SealAuthorisation.PrincipalKind.USER, user);
        return Response.noContent().build();
    }

    @PUT
    @Path("seals/{seal}/groups/{group}")
    public Response authoriseGroup(@PathParam("seal") String seal, @PathParam("group") String group) {
        sealAdministration.authorise(seal, SealAuthorisation.PrincipalKind.GROUP, group);
        return Response.noContent().build();
    }

    @DELETE
    @Path("seals/{seal}/groups/{group}")
    public Response withdrawGroup(@PathParam("seal") String seal, @PathParam("group") String group) {
        sealAdministration.withdraw(seal, SealAuthorisation.PrincipalKind.GROUP, group);
        return Response.noContent().build();
    }

    @DELETE
    @Path("seals/{seal}/roles/{role}")
    public Response withdrawRole(@PathParam("seal") String seal, @PathParam("role") String role) {
        sealAdministration.withdraw(seal, SealAuthorisation.PrincipalKind.ROLE, role);
        return Response.noContent().build();
    }

    /** Who may use the seal and on which conditions. */
    @GET
    @Path("seals/{seal}/authorisations")
    @Produces(MediaType.APPLICATION_JSON)
    public SealAuthorisations sealAuthorisations(@PathParam("seal") String seal) {
        return SealAuthorisations.of(sealAdministration.authorisations(seal));
    }

    @GET
    @Path("audit")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AuditRecord> audit(@QueryParam("limit") Integer limit, @QueryParam("action") String action) {
        return auditQuery.auditTrail(limit, action).stream().map(AuditRecord::of).toList();
    }

    /** Checks the audit trail against its seals, chain and time-stamped checkpoints (admin or auditor). */
    @GET
    @Path("audit/verification")
    @Produces(MediaType.APPLICATION_JSON)
    public AuditTrailVerification verifyAuditTrail() {
        return AuditTrailVerification.of(auditQuery.checkTrail());
    }

    /** Time-stamps the audit chain's head now (admin or auditor); 204 when nothing was ever audited. */
    @POST
    @Path("audit/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    public AuditCheckpointDescription checkpointAuditTrail() {
        return AuditCheckpointDescription.of(auditQuery.checkpoint());
    }

    /** The whole audit trail as CSV, in the chain's order (admin or auditor). */
    @GET
    @Path("audit/export")
    @Produces("text/csv")
    public Response exportAuditTrail() {
        Consumer<OutputStream> trail = auditQuery.exportTrail();
        StreamingOutput csv = trail::accept;
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"signet-audit.csv\"").build();
    }

    @PUT
    @Path("seals/{seal}/roles/{role}")
    public Response authoriseRole(@PathParam("seal") String seal, @PathParam("role") String role) {
        sealAdministration.authorise(seal, SealAuthorisation.PrincipalKind.ROLE, role);
        return Response.noContent().build();
    }
}
