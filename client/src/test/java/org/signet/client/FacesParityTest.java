package org.signet.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SOAP and REST offer the same operations: each SOAP operation of the published WSDLs has its REST counterpart in
 * docs/api-rest.md (which RestPathsDocumentedTest holds equal to the resources), and each REST operation its SOAP one,
 * unless the difference is declared below with its reason.
 */
class FacesParityTest {

    private static final String API = "/signet/api";

    /** SOAP operation (service.operation) to the REST operations that do the same. */
    private static final Map<String, List<String>> COUNTERPARTS = Map.ofEntries(
            entry("SigningService.signPdf", List.of("POST " + API + "/sign/pdf")),
            entry("SigningService.signFile", List.of("POST " + API + "/sign/file")),
            entry("SigningService.signXml", List.of("POST " + API + "/sign/xml")),
            entry("SigningService.signDigest", List.of("POST " + API + "/sign/digest")),
            entry("SigningService.signMail", List.of("POST " + API + "/sign/mail")),
            entry("SigningService.verify", List.of("POST " + API + "/verify")),
            entry("SigningService.analyzePdf", List.of("POST " + API + "/analyze")),
            entry("SigningService.listSeals", List.of("GET " + API + "/seals")),
            entry("SigningService.enrolAuthenticator", List.of("POST " + API + "/authenticator")),
            entry("SigningService.confirmAuthenticator", List.of("POST " + API + "/authenticator/confirmation")),
            entry("AdministrationService.setSealSecondFactor", List.of("PUT " + API + "/admin/seals/{seal}/second-factor")),
            entry("AdministrationService.setSealClients", List.of("PUT " + API + "/admin/seals/{seal}/clients")),
            entry("AdministrationService.setClientCertificate", List.of("PUT " + API + "/admin/users/{name}/client-certificate",
                    "DELETE " + API + "/admin/users/{name}/client-certificate")),
            entry("AdministrationService.setSealClientCertificateRequired", List.of("PUT " + API + "/admin/seals/{seal}/client-certificate")),
            entry("AdministrationService.setSealTokenScope", List.of("PUT " + API + "/admin/seals/{seal}/token-scope")),
            entry("AdministrationService.setSealHours", List.of("PUT " + API + "/admin/seals/{seal}/hours")),
            entry("AdministrationService.resetAuthenticator", List.of("DELETE " + API + "/admin/users/{name}/authenticator")),
            entry("SigningService.uploadBatchDocuments", List.of("PUT " + API + "/batches/{hotFolder}/{batch}/documents/{file}",
                    "POST " + API + "/batches/{hotFolder}/{batch}/documents")),
            entry("SigningService.batchResult", List.of("GET " + API + "/batches/{id}/results/{name}")),
            entry("SigningService.evidenceRecord", List.of("POST " + API + "/archive/evidence", "GET " + API + "/archive/evidence/{sha256}",
                    "GET " + API + "/archive/evidence")),
            entry("SigningService.verifyEvidenceRecord", List.of("POST " + API + "/archive/verification")),
            entry("SigningService.keepArchivedDocument", List.of("POST " + API + "/archive/documents")),
            entry("SigningService.startWorkflow", List.of("POST " + API + "/workflows")),
            entry("SigningService.workflowTemplates", List.of("GET " + API + "/workflows/templates")),
            entry("AdministrationService.putWorkflowTemplate", List.of("PUT " + API + "/admin/workflow-templates/{name}")),
            entry("AdministrationService.listWorkflowTemplates", List.of("GET " + API + "/admin/workflow-templates")),
            entry("AdministrationService.directory", List.of("GET " + API + "/admin/directory")),
            entry("AdministrationService.deleteWorkflowTemplate", List.of("DELETE " + API + "/admin/workflow-templates/{name}")),
            entry("SigningService.workflowStatus", List.of("GET " + API + "/workflows/{id}")),
            entry("SigningService.workflowDocument", List.of("GET " + API + "/workflows/{id}/document")),
            entry("SigningService.workflowInbox", List.of("GET " + API + "/workflows")),
            entry("SigningService.signWorkflow", List.of("POST " + API + "/workflows/{id}/signature")),
            entry("SigningService.refuseWorkflow", List.of("POST " + API + "/workflows/{id}/refusal")),
            entry("AdministrationService.renewArchiveTimeStamps", List.of("POST " + API + "/archive/renewal")),
            entry("AdministrationService.renewArchiveHashTrees", List.of("POST " + API + "/archive/hash-renewal")),
            entry("AdministrationService.sealArchive", List.of("POST " + API + "/archive/seal")),
            entry("AdministrationService.archiveStatus", List.of("GET " + API + "/archive")),
            entry("AdministrationService.putUser", List.of("PUT " + API + "/admin/users/{name}")),
            entry("AdministrationService.listUsers", List.of("GET " + API + "/admin/users")),
            entry("AdministrationService.issuePersonalCertificate", List.of("POST " + API + "/admin/users/{name}/certificate")),
            entry("AdministrationService.setUserEnabled", List.of("PUT " + API + "/admin/users/{name}/enabled")),
            entry("AdministrationService.deleteUser", List.of("DELETE " + API + "/admin/users/{name}")),
            entry("AdministrationService.listGroups", List.of("GET " + API + "/admin/groups")),
            entry("AdministrationService.putGroup", List.of("PUT " + API + "/admin/groups/{group}")),
            entry("AdministrationService.deleteGroup", List.of("DELETE " + API + "/admin/groups/{group}")),
            entry("AdministrationService.addGroupMember", List.of("PUT " + API + "/admin/groups/{group}/members/{user}")),
            entry("AdministrationService.removeGroupMember", List.of("DELETE " + API + "/admin/groups/{group}/members/{user}")),
            entry("AdministrationService.authoriseGroup", List.of("PUT " + API + "/admin/seals/{seal}/groups/{group}")),
            entry("AdministrationService.withdrawUser", List.of("DELETE " + API + "/admin/seals/{seal}/users/{user}")),
            entry("AdministrationService.withdrawGroup", List.of("DELETE " + API + "/admin/seals/{seal}/groups/{group}")),
            entry("AdministrationService.withdrawRole", List.of("DELETE " + API + "/admin/seals/{seal}/roles/{role}")),
            entry("AdministrationService.sealAuthorisations", List.of("GET " + API + "/admin/seals/{seal}/authorisations")),
            entry("AdministrationService.createSeal", List.of("PUT " + API + "/admin/seals/{seal}")),
            entry("AdministrationService.authoriseUser", List.of("PUT " + API + "/admin/seals/{seal}/users/{user}")),
            entry("AdministrationService.authoriseRole", List.of("PUT " + API + "/admin/seals/{seal}/roles/{role}")),
            entry("AdministrationService.revokeSeal", List.of("POST " + API + "/admin/seals/{seal}/revocation")),
            entry("AdministrationService.setSealArchiving", List.of("PUT " + API + "/admin/seals/{seal}/archiving")),
            entry("AdministrationService.auditTrail", List.of("GET " + API + "/admin/audit")),
            entry("AdministrationService.verifyAuditTrail", List.of("GET " + API + "/admin/audit/verification")),
            entry("AdministrationService.checkpointAuditTrail", List.of("POST " + API + "/admin/audit/checkpoints")),
            entry("AdministrationService.exportAuditTrail", List.of("GET " + API + "/admin/audit/export")),
            entry("AdministrationService.registerToken", List.of("PUT " + API + "/admin/tokens/{token}")),
            entry("AdministrationService.registerRemoteToken", List.of("PUT " + API + "/admin/tokens/{token}")),
            entry("AdministrationService.activateToken", List.of("POST " + API + "/admin/tokens/{token}/activation")),
            entry("AdministrationService.deactivateToken", List.of("DELETE " + API + "/admin/tokens/{token}/activation")),
            entry("AdministrationService.generateKey", List.of("POST " + API + "/admin/tokens/{token}/keys/{alias}")),
            entry("AdministrationService.requestCertificate", List.of("POST " + API + "/admin/tokens/{token}/requests/{alias}")),
            entry("AdministrationService.importChain", List.of("PUT " + API + "/admin/keys/{token}/{alias}/chain")),
            entry("AdministrationService.testKey", List.of("POST " + API + "/admin/keys/{token}/{alias}/test")),
            entry("AdministrationService.setKeyLimits", List.of("PUT " + API + "/admin/keys/{token}/{alias}/limits")),
            entry("AdministrationService.listKeys", List.of("GET " + API + "/admin/keys")),
            entry("AdministrationService.putHotFolder", List.of("PUT " + API + "/admin/hotfolders/{name}")),
            entry("AdministrationService.listHotFolders", List.of("GET " + API + "/admin/hotfolders")),
            entry("AdministrationService.removeHotFolder", List.of("DELETE " + API + "/admin/hotfolders/{name}")),
            entry("AdministrationService.listBatches", List.of("GET " + API + "/admin/batches")),
            entry("AdministrationService.approveBatch", List.of("POST " + API + "/batches")),
            entry("AdministrationService.batchStatus", List.of("GET " + API + "/batches/{id}")),
            entry("AdministrationService.stopBatch", List.of("POST " + API + "/batches/{id}/stop")),
            entry("AdministrationService.restartBatch", List.of("POST " + API + "/batches/{id}/restart")),
            entry("AdministrationService.batchesAwaitingConfirmation", List.of("GET " + API + "/batches/awaiting-confirmation")),
            entry("AdministrationService.confirmBatch", List.of("POST " + API + "/batches/{id}/confirmation")));

    /** Operations one face has and the other does not, with the reason. */
    private static final String CSC = "the CSC API v2, a standard of its own for remote signature clients; SOAP callers sign a digest "
            + "with signDigest (docs/remote-signing.md)";
    private static final Map<String, String> DECLARED = Map.ofEntries(
            entry("SigningService.submitBatch", "upload and approval in one SOAP call; REST clients upload, then POST /batches"),
            entry("SigningService.logTreeHead", "REST: the public log, GET /signet/log/tree-head, without credentials (docs/archive.md)"),
            entry("SigningService.logInclusionProof", "REST: the public log, GET /signet/log/inclusion, without credentials"),
            entry("SigningService.logConsistencyProof", "REST: the public log, GET /signet/log/consistency, without credentials"),
            entry("POST " + API + "/csc/v2/info", CSC),
            entry("POST " + API + "/csc/v2/auth/login", CSC),
            entry("POST " + API + "/csc/v2/auth/revoke", CSC),
            entry("POST " + API + "/csc/v2/credentials/list", CSC),
            entry("POST " + API + "/csc/v2/credentials/info", CSC),
            entry("POST " + API + "/csc/v2/credentials/authorize", CSC),
            entry("POST " + API + "/csc/v2/signatures/signHash", CSC),
            entry("POST " + API + "/csc/v2/signatures/signDoc", CSC),
            entry("POST " + API + "/csc/v2/signatures/timestamp", CSC));

    private static final Pattern DOCUMENTED = Pattern.compile("`(GET|PUT|POST|DELETE) (/signet/api/[^`?\\[\\s]*)");

    @Test
    void eachFaceHasTheOtherFacesOperationsOrTheDifferenceIsDeclared() throws IOException {
        Set<String> soap = new TreeSet<>(DocumentationTest.soapOperations());
        Set<String> rest = new TreeSet<>();
        Matcher m = DOCUMENTED.matcher(Files.readString(Path.of("../docs/api-rest.md")));
        while (m.find()) {
            rest.add(m.group(1) + " " + m.group(2));
        }
        assertTrue(rest.size() >= 30 && soap.size() >= 30, rest + " " + soap);

        Set<String> soapWithoutRest = new TreeSet<>(soap);
        soapWithoutRest.removeAll(COUNTERPARTS.keySet());
        soapWithoutRest.removeAll(DECLARED.keySet());
        assertEquals(Set.of(), soapWithoutRest, "SOAP operations with no REST counterpart (add one, or declare why not)");

        Set<String> counterparts = new HashSet<>();
        COUNTERPARTS.values().forEach(counterparts::addAll);
        Set<String> restWithoutSoap = new TreeSet<>(rest);
        restWithoutSoap.removeAll(counterparts);
        restWithoutSoap.removeAll(DECLARED.keySet());
        assertEquals(Set.of(), restWithoutSoap, "REST operations with no SOAP counterpart (add one, or declare why not)");

        Set<String> stale = new TreeSet<>(COUNTERPARTS.keySet());
        stale.removeAll(soap);
        counterparts.stream().filter(operation -> !rest.contains(operation)).forEach(stale::add);
        DECLARED.keySet().stream().filter(operation -> !soap.contains(operation) && !rest.contains(operation)).forEach(stale::add);
        assertEquals(Set.of(), stale, "the table names operations neither face has");
    }
}
