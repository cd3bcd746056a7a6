package org.signet.ws;

import jakarta.activation.DataHandler;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jws.HandlerChain;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.mail.util.ByteArrayDataSource;
import org.signet.admin.AuditQuery;
import org.signet.admin.KeyAdministration;
import org.signet.admin.SealAdministration;
import org.signet.admin.UserAdministration;
import org.signet.api.ArchiveDescription;
import org.signet.api.ArchiveHashRenewalResult;
import org.signet.api.ArchiveSealingResult;
import org.signet.api.AuditCheckpointDescription;
import org.signet.api.AuditTrailVerification;
import org.signet.api.DirectoryDescription;
import org.signet.api.GroupDescription;
import org.signet.api.SealAuthorisations;
import org.signet.api.UserDescription;
import org.signet.archive.ArchiveService;
import org.signet.hotfolder.HotFolders;
import org.signet.model.SignatureLevel;
import org.signet.pki.CertificateAuthority;
import org.signet.seal.SealAuthorisation;
import org.signet.security.SecondFactors;
import org.signet.ws.SoapTypes.AuditRecord;
import org.signet.ws.SoapTypes.NewSeal;

import org.signet.workflow.WorkflowTemplates;
import java.io.ByteArrayOutputStream;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The SOAP face of administration (admin role; the service checks it on every call): users, seals, who may use
 * them, revocation, and the audit trail. The same service calls as the REST admin resource.
 */
@WebService(serviceName = "AdministrationService", portName = "AdministrationPort", name = "Administration",
        targetNamespace = SigningEndpoint.NAMESPACE)
@CdiEndpoint
@HandlerChain(file = "handlers.xml")
@ApplicationScoped
public class AdministrationEndpoint {

    @EJB
    private UserAdministration users;
    @EJB
    private WorkflowTemplates workflowTemplates;
    @EJB
    private SealAdministration sealAdministration;
    @EJB
    private KeyAdministration keyAdministration;
    @EJB
    private AuditQuery auditQuery;
    @EJB
    private SecondFactors secondFactors;
    @EJB
    private HotFolders hotFolders;
    @EJB
    private ArchiveService archive;

    /**
     * Creates or changes a user: kind "person" (default) or "process", the e-mail address workflows mail it at (empty:
     * none); what is absent stays as it is on an existing user.
     * Returns the password Signet made for a new process given none (shown this once), else nothing.
     */
    @WebMethod
    @WebResult(name = "madePassword")
    public String putUser(@WebParam(name = "name") String name,
                          @WebParam(name = "password") String password,
                          @WebParam(name = "role") List<String> roles,
                          @WebParam(name = "kind") String kind,
                          @WebParam(name = "replaceRoles") boolean replaceRoles,
                          @WebParam(name = "email") String email) throws SignetFault {
        // SOAP cannot tell an empty list from an absent one: replaceRoles says that the roles given (maybe none) are all
        Set<String> wanted = roles == null ? Set.of() : Set.copyOf(roles);
        return SignetFault.answer(() -> users.putUser(name, kind, password == null ? null : password.toCharArray(),
                replaceRoles || !wanted.isEmpty() ? wanted : null, email));
    }

    /** Issues the person an advanced-signature certificate and key from Signet's CA, which only that person may use. */
    @WebMethod
    @WebResult(name = "certificate")
    public SoapTypes.PersonalCertificate issuePersonalCertificate(@WebParam(name = "user") String user,
                                                                  @WebParam(name = "subject") String subject) throws SignetFault {
        return SignetFault.answer(() -> {
            SealAdministration.PersonalCertificate issued = sealAdministration.issuePersonalCertificate(user, subject);
            SoapTypes.PersonalCertificate answer = new SoapTypes.PersonalCertificate();
            answer.seal = issued.seal();
            answer.owner = issued.owner();
            answer.subject = issued.subject();
            answer.serialNumber = issued.serialNumber();
            answer.validTo = Date.from(issued.validTo());
            return answer;
        });
    }

    @WebMethod
    @WebResult(name = "user")
    public List<SoapTypes.UserDescription> listUsers() throws SignetFault {
        return SignetFault.answer(() -> users.listUsers().stream().map(u -> SoapMapping.describe(UserDescription.of(u))).toList());
    }

    /** A disabled user logs in no more, and the hot folders running as it sign nothing, from the next request on. */
    @WebMethod
    public void setUserEnabled(@WebParam(name = "name") String name, @WebParam(name = "enabled") boolean enabled) throws SignetFault {
        SignetFault.answer(() -> users.setEnabled(name, enabled));
    }

    /**
     * The TLS client certificate (PEM or DER) that logs in as the user, answered by its SHA-256 fingerprint; none removes
     * it. The HTTPS listener must trust its issuer.
     */
    @WebMethod
    @WebResult(name = "fingerprint")
    public String setClientCertificate(@WebParam(name = "name") String name, @WebParam(name = "certificate") byte[] certificate,
                                       @WebParam(name = "bySubject") boolean bySubject) throws SignetFault {
        return SignetFault.answer(() -> users.setClientCertificate(name, certificate, bySubject));
    }

    /** Creates or replaces a workflow template: its steps, recipients, level, and who may start it. */
    @WebMethod
    public void putWorkflowTemplate(@WebParam(name = "template") SoapTypes.WorkflowTemplate template) throws SignetFault {
        SignetFault.answer(() -> {
            SoapMapping.require(template);
            workflowTemplates.put(template.name, template.description, SoapMapping.workflowPlan(template.steps, template.recipients,
                    template.level), template.starters, template.folder, template.callback);
        });
    }

    @WebMethod
    @WebResult(name = "template")
    public List<SoapTypes.WorkflowTemplate> listWorkflowTemplates() throws SignetFault {
        return SignetFault.answer(() -> workflowTemplates.list().stream().map(SoapMapping::describe).toList());
    }

    @WebMethod
    public void deleteWorkflowTemplate(@WebParam(name = "name") String name) throws SignetFault {
        SignetFault.answer(() -> workflowTemplates.delete(name));
    }

    /** Removes a user with its memberships, its own seal authorisations and its authenticator; its audit events stay. */
    @WebMethod
    public void deleteUser(@WebParam(name = "name") String name) throws SignetFault {
        SignetFault.answer(() -> users.deleteUser(name));
    }

    /** The organisation's LDAP directory: whether it answers now, and what Signet took from it. */
    @WebMethod
    @WebResult(name = "directory")
    public SoapTypes.DirectoryDescription directory() throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(DirectoryDescription.of(users.directory())));
    }

    @WebMethod
    @WebResult(name = "group")
    public List<SoapTypes.GroupDescription> listGroups() throws SignetFault {
        return SignetFault.answer(() -> users.listGroups().stream().map(g -> SoapMapping.describe(GroupDescription.of(g))).toList());
    }

    /** Creates or changes a group; no members or roles given leaves an existing group's as they are. */
    @WebMethod
    public void putGroup(@WebParam(name = "group") SoapTypes.GroupDescription group) throws SignetFault {
        SignetFault.answer(() -> {
            SoapMapping.require(group);
            users.putGroup(group.name, group.description, group.member.isEmpty() ? null : Set.copyOf(group.member),
                    group.role.isEmpty() ? null : Set.copyOf(group.role), group.directoryGroup);
        });
    }

    @WebMethod
    public void deleteGroup(@WebParam(name = "group") String group) throws SignetFault {
        SignetFault.answer(() -> users.deleteGroup(group));
    }

    @WebMethod
    public void addGroupMember(@WebParam(name = "group") String group, @WebParam(name = "user") String user) throws SignetFault {
        SignetFault.answer(() -> users.setMember(group, user, true));
    }

    @WebMethod
    public void removeGroupMember(@WebParam(name = "group") String group, @WebParam(name = "user") String user) throws SignetFault {
        SignetFault.answer(() -> users.setMember(group, user, false));
    }

    /** A seal with a new software key certified by Signet's CA, or, with keys ("token/alias"), over existing keys. */
    @WebMethod
    public void createSeal(@WebParam(name = "seal") NewSeal seal) throws SignetFault {
        SignetFault.answer(() -> {
            SoapMapping.require(seal);
            sealAdministration.createSeal(seal.name, seal.description, SoapMapping.formats(seal.format),
                    SignatureLevel.parse(seal.maxLevel), seal.subject, seal.key, seal.archive, seal.keepDocuments);
        });
    }

    /** Whether what the seal signs from now on enters the archive, and whether it is kept whole there (absent: unchanged). */
    @WebMethod
    public void setSealArchiving(@WebParam(name = "seal") String seal, @WebParam(name = "archive") boolean archive,
                                 @WebParam(name = "keepDocuments") Boolean keepDocuments) throws SignetFault {
        SignetFault.answer(() -> sealAdministration.setArchiving(seal, archive, keepDocuments));
    }

    /** Whether every request signing with the seal must carry the caller's one-time code: "totp" or "none". */
    @WebMethod
    public void setSealSecondFactor(@WebParam(name = "seal") String seal, @WebParam(name = "secondFactor") String secondFactor)
            throws SignetFault {
        SignetFault.answer(() -> sealAdministration.setSecondFactor(seal, secondFactor));
    }

    /** The computers the seal signs for: addresses and networks ("10.1.0.0/16"); none: any. */
    @WebMethod
    public void setSealClients(@WebParam(name = "seal") String seal, @WebParam(name = "client") List<String> clients) throws SignetFault {
        SignetFault.answer(() -> sealAdministration.setClients(seal, clients == null ? List.of() : clients));
    }

    /** Whether requests signing with the seal must log in with a registered TLS client certificate. */
    @WebMethod
    public void setSealClientCertificateRequired(@WebParam(name = "seal") String seal, @WebParam(name = "required") boolean required)
            throws SignetFault {
        SignetFault.answer(() -> sealAdministration.setClientCertificateRequired(seal, required));
    }

    /** The scope an OAuth2 access token must grant for a request to sign with the seal; absent: any credentials. */
    @WebMethod
    public void setSealTokenScope(@WebParam(name = "seal") String seal, @WebParam(name = "scope") String scope) throws SignetFault {
        SignetFault.answer(() -> sealAdministration.setTokenScope(seal, scope));
    }

    /** When the seal signs for requests: days and times ("Mon-Fri 07:00-19:00") in a zone; absent hours: any time. */
    @WebMethod
    public void setSealHours(@WebParam(name = "seal") String seal, @WebParam(name = "hours") String hours,
                             @WebParam(name = "zone") String zone) throws SignetFault {
        SignetFault.answer(() -> sealAdministration.setHours(seal, hours, zone));
    }

    /** Removes a user's authenticator (a lost device); the user enrols a new one. */
    @WebMethod
    public void resetAuthenticator(@WebParam(name = "user") String user) throws SignetFault {
        SignetFault.answer(() -> secondFactors.reset(user));
    }

    /**
     * A remote signature service (CSC API v2 base URI, one the server allows) and the account Signet logs in with; login
     * "basic" (or none) or "oauth2-client" (account and password are the OAuth 2.0 client ID and secret).
     */
    @WebMethod
    public void registerRemoteToken(@WebParam(name = "name") String name, @WebParam(name = "service") String service,
                                    @WebParam(name = "account") String account, @WebParam(name = "password") String password,
                                    @WebParam(name = "login") String login)
            throws SignetFault {
        SignetFault.answer(() -> keyAdministration.registerRemoteToken(name, service, login, account,
                password == null ? null : password.toCharArray()));
    }

    /** A PKCS#11 token: library path, slot ID or "index:N", PIN (stored for the server only, never echoed). */
    @WebMethod
    public void registerToken(@WebParam(name = "name") String name, @WebParam(name = "library") String library,
                              @WebParam(name = "slot") String slot, @WebParam(name = "pin") String pin,
                              @WebParam(name = "mode") String mode, @WebParam(name = "activationSignatures") Integer activationSignatures,
                              @WebParam(name = "activationPeriod") String activationPeriod) throws SignetFault {
        SignetFault.answer(() -> keyAdministration.registerToken(name, library, slot, mode, pin == null ? null : pin.toCharArray(),
                activationSignatures, activationPeriod));
    }

    /** A key pair made inside the token and certified by Signet's CA; answers the certificate's subject. */
    @WebMethod
    @WebResult(name = "certificateSubject")
    public String generateKey(@WebParam(name = "token") String token, @WebParam(name = "alias") String alias,
                              @WebParam(name = "algorithm") String algorithm, @WebParam(name = "keySize") int keySize,
                              @WebParam(name = "subject") String subject) throws SignetFault {
        return SignetFault.answer(() -> keyAdministration.generateKey(token, alias, algorithm, keySize, subject)
                .getSubjectX500Principal().getName());
    }

    /** maxSignatures below 0 means no limit; absent dates mean no window. */
    @WebMethod
    public void setKeyLimits(@WebParam(name = "key") String key, @WebParam(name = "maxSignatures") long maxSignatures,
                             @WebParam(name = "usableFrom") Date usableFrom,
                             @WebParam(name = "usableUntil") Date usableUntil) throws SignetFault {
        SignetFault.answer(() -> keyAdministration.setKeyLimits(key, maxSignatures < 0 ? null : maxSignatures,
                usableFrom == null ? null : usableFrom.toInstant(), usableUntil == null ? null : usableUntil.toInstant()));
    }

    @WebMethod
    @WebResult(name = "key")
    public List<SoapTypes.KeyDescription> listKeys() throws SignetFault {
        return SignetFault.answer(() -> keyAdministration.listKeys().stream().map(SoapMapping::describe).toList());
    }

    /** Puts a token back in service; a mass-signature card is activated with its PIN. */
    @WebMethod
    public void activateToken(@WebParam(name = "token") String token, @WebParam(name = "pin") String pin) throws SignetFault {
        SignetFault.answer(() -> keyAdministration.activateToken(token, pin == null ? null : pin.toCharArray()));
    }

    @WebMethod
    public void deactivateToken(@WebParam(name = "token") String token) throws SignetFault {
        SignetFault.answer(() -> keyAdministration.deactivateToken(token));
    }

    /** A key pair made inside the token; returns the PEM PKCS#10 request for an outside CA. */
    @WebMethod
    @WebResult(name = "certificationRequest")
    public String requestCertificate(@WebParam(name = "token") String token, @WebParam(name = "alias") String alias,
                                     @WebParam(name = "algorithm") String algorithm, @WebParam(name = "keySize") int keySize,
                                     @WebParam(name = "subject") String subject) throws SignetFault {
        return SignetFault.answer(() -> keyAdministration.requestCertificate(token, alias, algorithm, keySize, subject));
    }

    /** The chain the outside CA issued (PEM, DER or PKCS#7); returns the key's certificate subject. */
    @WebMethod
    @WebResult(name = "certificateSubject")
    public String importChain(@WebParam(name = "token") String token, @WebParam(name = "alias") String alias,
                              @WebParam(name = "chain") byte[] chain) throws SignetFault {
        return SignetFault.answer(() -> keyAdministration.importChain(token, alias, chain).getSubjectX500Principal().getName());
    }

    @WebMethod
    @WebResult(name = "test")
    public SoapTypes.KeyTest testKey(@WebParam(name = "token") String token, @WebParam(name = "alias") String alias,
                                     @WebParam(name = "pin") String pin) throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(keyAdministration.testKey(token, alias, pin == null ? null : pin.toCharArray())));
    }

    /** Adds a hot folder, or replaces the one of that name. */
    @WebMethod
    @WebResult(name = "saved")
    public SoapTypes.HotFolder putHotFolder(@WebParam(name = "hotFolder") SoapTypes.HotFolder hotFolder) throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(hotFolders.put(SoapMapping.spec(hotFolder))));
    }

    @WebMethod
    @WebResult(name = "hotFolder")
    public List<SoapTypes.HotFolder> listHotFolders() throws SignetFault {
        return SignetFault.answer(() -> hotFolders.list().stream().map(SoapMapping::describe).toList());
    }

    @WebMethod
    public void removeHotFolder(@WebParam(name = "name") String name) throws SignetFault {
        SignetFault.answer(() -> hotFolders.remove(name));
    }

    /** Approves a filled batch folder of a hot folder (admin or its run-as user); returns the batch's progress. */
    @WebMethod
    @WebResult(name = "progress")
    public SoapTypes.BatchProgress approveBatch(@WebParam(name = "hotFolder") String hotFolder, @WebParam(name = "batch") String batch)
            throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(hotFolders.progress(hotFolders.approve(hotFolder, batch))));
    }

    @WebMethod
    @WebResult(name = "progress")
    public SoapTypes.BatchProgress batchStatus(@WebParam(name = "id") String id) throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(hotFolders.progress(id)));
    }

    /** The batches waiting for a person's confirmation whose seals the caller may use. */
    @WebMethod
    @WebResult(name = "progress")
    public List<SoapTypes.BatchProgress> batchesAwaitingConfirmation() throws SignetFault {
        return SignetFault.answer(() -> hotFolders.awaitingConfirmation().stream().map(SoapMapping::describe).toList());
    }

    /** A person confirms a batch whose seal requires a second factor, with a one-time code from its authenticator. */
    @WebMethod
    @WebResult(name = "progress")
    public SoapTypes.BatchProgress confirmBatch(@WebParam(name = "id") String id, @WebParam(name = "oneTimeCode") String oneTimeCode)
            throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(hotFolders.confirm(id, oneTimeCode)));
    }

    /** Seals the archive now (admin): one hash tree and one time stamp over what entered since the last sealing. */
    @WebMethod
    @WebResult(name = "sealing")
    public SoapTypes.ArchiveSealing sealArchive() throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(ArchiveSealingResult.of(archive.sealNow())));
    }

    /** Renews the time stamps of sealed trees that expire within {@code days} (0: the configured margin); answers how many. */
    @WebMethod
    @WebResult(name = "renewedTrees")
    public int renewArchiveTimeStamps(@WebParam(name = "days") int days) throws SignetFault {
        return SignetFault.answer(() -> archive.renewNow(SoapMapping.absentIfZero(days)));
    }

    /**
     * Renews the hash trees of all evidence not yet in {@code algorithm} (absent: the configured one) from the
     * documents the archive store keeps (admin); names the documents it does not keep.
     */
    @WebMethod
    @WebResult(name = "renewal")
    public SoapTypes.ArchiveHashRenewal renewArchiveHashTrees(@WebParam(name = "algorithm") String algorithm) throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(ArchiveHashRenewalResult.of(archive.renewHashesNow(algorithm))));
    }

    /** Entries waiting for the next sealing, entries sealed, and the last sealed tree. */
    @WebMethod
    @WebResult(name = "archive")
    public SoapTypes.ArchiveOverview archiveStatus() throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(ArchiveDescription.of(archive.state())));
    }

    /** The newest batches of every hot folder (admin), at most {@code limit} (1 to 1000; absent: 100). */
    @WebMethod
    @WebResult(name = "batch")
    public List<SoapTypes.BatchProgress> listBatches(@WebParam(name = "limit") int limit) throws SignetFault {
        return SignetFault.answer(() -> hotFolders.batches(SoapMapping.absentIfZero(limit)).stream().map(SoapMapping::describe).toList());
    }

    @WebMethod
    public void stopBatch(@WebParam(name = "id") String id) throws SignetFault {
        SignetFault.answer(() -> hotFolders.stop(id));
    }

    @WebMethod
    public void restartBatch(@WebParam(name = "id") String id) throws SignetFault {
        SignetFault.answer(() -> hotFolders.restart(id));
    }

    @WebMethod
    public void authoriseUser(@WebParam(name = "seal") String seal, @WebParam(name = "user") String user) throws SignetFault {
        SignetFault.answer(() -> sealAdministration.authorise(seal, SealAuthorisation.PrincipalKind.USER, user));
    }

    @WebMethod
    public void authoriseGroup(@WebParam(name = "seal") String seal, @WebParam(name = "group") String group) throws SignetFault {
        SignetFault.answer(() -> sealAdministration.authorise(seal, SealAuthorisation.PrincipalKind.GROUP, group));
    }

    @WebMethod
    public void authoriseRole(@WebParam(name = "seal") String seal, @WebParam(name = "role") String role) throws SignetFault {
        SignetFault.answer(() -> sealAdministration.authorise(seal, SealAuthorisation.PrincipalKind.ROLE, role));
    }

    @WebMethod
    public void withdrawUser(@WebParam(name = "seal") String seal, @WebParam(name = "user") String user) throws SignetFault {
        SignetFault.answer(() -> sealAdministration.withdraw(seal, SealAuthorisation.PrincipalKind.USER, user));
    }

    @WebMethod
    public void withdrawGroup(@WebParam(name = "seal") String seal, @WebParam(name = "group") String group) throws SignetFault {
        SignetFault.answer(() -> sealAdministration.withdraw(seal, SealAuthorisation.PrincipalKind.GROUP, group));
    }

    @WebMethod
    public void withdrawRole(@WebParam(name = "seal") String seal, @WebParam(name = "role") String role) throws SignetFault {
        SignetFault.answer(() -> sealAdministration.withdraw(seal, SealAuthorisation.PrincipalKind.ROLE, role));
    }

    /** Who may use the seal (users, groups, roles) and on which conditions. */
    @WebMethod
    @WebResult(name = "authorisations")
    public SoapTypes.SealAccess sealAuthorisations(@WebParam(name = "seal") String seal) throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(SealAuthorisations.of(sealAdministration.authorisations(seal))));
    }

    /** Revokes the seal's certificate at Signet's CA (it is on the next CRL) and stops the seal from signing. */
    @WebMethod
    public void revokeSeal(@WebParam(name = "seal") String seal, @WebParam(name = "reason") String reason) throws SignetFault {
        SignetFault.answer(() -> sealAdministration.revokeSeal(seal, CertificateAuthority.RevocationReason.parse(reason)));
    }

    @WebMethod
    @WebResult(name = "event")
    public List<AuditRecord> auditTrail(@WebParam(name = "limit") int limit) throws SignetFault {
        return SignetFault.answer(() -> auditQuery.auditTrail(SoapMapping.absentIfZero(limit), null).stream().map(SoapMapping::record).toList());
    }

    /** Checks the audit trail against its seals, chain and time-stamped checkpoints (admin or auditor). */
    @WebMethod
    @WebResult(name = "verification")
    public SoapTypes.AuditTrailVerification verifyAuditTrail() throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(AuditTrailVerification.of(auditQuery.checkTrail())));
    }

    /** Time-stamps the audit chain's head now (admin or auditor); absent when nothing was ever audited. */
    @WebMethod
    @WebResult(name = "checkpoint")
    public SoapTypes.AuditCheckpoint checkpointAuditTrail() throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(AuditCheckpointDescription.of(auditQuery.checkpoint())));
    }

    /** The whole audit trail as CSV (an MTOM attachment), in the chain's order (admin or auditor). */
    @WebMethod
    @WebResult(name = "trail")
    public DataHandler exportAuditTrail() throws SignetFault {
        return SignetFault.answer(() -> {
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            auditQuery.exportTrail().accept(csv);
            return new DataHandler(new ByteArrayDataSource(csv.toByteArray(), "text/csv"));
        });
    }
}
