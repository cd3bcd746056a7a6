package org.signet.it;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.Signing;
import org.signet.client.soap.Workflow;
import org.signet.client.soap.WorkflowStart;
import org.signet.client.soap.WorkflowStepRequest;
import org.signet.client.soap.admin.Administration;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workflows over REST and SOAP: two signers sign one after the other, each told by a mail from the real SMTP server
 * (GreenMail); the document verifies with both signatures in pdfsig and DSS. What a workflow refuses: steps it cannot
 * run, callers who are not the signer whose turn it is, links already used, anonymous callers. (The same in Chromium,
 * with the links followed and a one-time code: WebPagesIT.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorkflowIT {

    @Deployment(name = "signet", testable = false, order = 1)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    /** For the deadline test: a step's deadline moved into the past, as days passing would. */
    @Deployment(name = "sql", testable = false, order = 2)
    static org.jboss.shrinkwrap.api.spec.WebArchive sqlConsole() {
        return org.jboss.shrinkwrap.api.ShrinkWrap.create(org.jboss.shrinkwrap.api.spec.WebArchive.class, "signet-it-sql.war")
                .addClass(org.signet.it.sql.SqlConsole.class);
    }

    @TempDir
    Path dir;

    @Test
    void twoSignersSignOneAfterTheOtherAndTheRecipientsGetTheSignedPdf() throws Exception {
        SignetServer.workflowSigner("wf-rest-1");
        SignetServer.workflowSigner("wf-rest-2");
        byte[] form = TestDocuments.form(null, "First", "Second");
        HttpResponse<byte[]> started = SignetServer.startWorkflow(SignetServer.DEMO_USER, SignetServer.demoPassword(), "order.pdf", form,
                "{\"steps\":[{\"signer\":\"wf-rest-1\",\"field\":\"First\"},{\"signer\":\"wf-rest-2\",\"field\":\"Second\"}],"
                        + "\"recipients\":[\"orders@signet.test\"],\"level\":\"B\"}");
        assertEquals(201, started.statusCode(), SignetServer.text(started));
        String id = JsonFields.text(SignetServer.text(started), "id");
        assertTrue(SignetServer.text(started).contains("\"waitingFor\":[\"wf-rest-1\"]"), SignetServer.text(started));

        Mailboxes.Mail first = Mailboxes.await("wf-rest-1@signet.test", "Please sign: order.pdf");
        assertTrue(first.text().contains("From: signet@signet.test"), first.text());
        first.workflowLink();
        assertTrue(Mailboxes.of("wf-rest-2@signet.test").isEmpty(), "the second signer is asked only after the first signed");

        HttpResponse<byte[]> early = SignetServer.send("POST", "/signet/api/workflows/" + id + "/signature", "wf-rest-2",
                "wf-rest-2-password", null, null);
        assertEquals(403, early.statusCode(), "not yet the second signer's turn: " + SignetServer.text(early));
        assertTrue(SignetServer.text(early).contains("waits for the signature of 'wf-rest-1'"), SignetServer.text(early));
        HttpResponse<byte[]> stranger = SignetServer.send("GET", "/signet/api/workflows/" + id, "wf-rest-stranger-0", "x", null, null);
        assertEquals(401, stranger.statusCode());
        SignetServer.workflowSigner("wf-rest-stranger");
        HttpResponse<byte[]> unseen = SignetServer.send("GET", "/signet/api/workflows/" + id + "/document", "wf-rest-stranger",
                "wf-rest-stranger-password", null, null);
        assertEquals(404, unseen.statusCode(), "someone outside the workflow does not see it: " + SignetServer.text(unseen));

        HttpResponse<byte[]> signed = SignetServer.send("POST", "/signet/api/workflows/" + id + "/signature", "wf-rest-1",
                "wf-rest-1-password", null, null);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        assertTrue(SignetServer.text(signed).contains("\"waitingFor\":[\"wf-rest-2\"]"), SignetServer.text(signed));
        Mailboxes.await("wf-rest-2@signet.test", "Please sign: order.pdf");
        HttpResponse<byte[]> twice = SignetServer.send("POST", "/signet/api/workflows/" + id + "/signature", "wf-rest-1",
                "wf-rest-1-password", null, null);
        assertEquals(403, twice.statusCode(), "a signer signs once: " + SignetServer.text(twice));

        HttpResponse<byte[]> last = SignetServer.send("POST", "/signet/api/workflows/" + id + "/signature", "wf-rest-2",
                "wf-rest-2-password", null, null);
        assertEquals(200, last.statusCode(), SignetServer.text(last));
        assertEquals("completed", JsonFields.text(SignetServer.text(last), "state"));

        HttpResponse<byte[]> document = SignetServer.send("GET", "/signet/api/workflows/" + id + "/document", "wf-rest-1",
                "wf-rest-1-password", null, null);
        assertEquals(200, document.statusCode());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "order-signed.pdf", document.body()));
        assertEquals(0, pdfsig.exitCode(), pdfsig.output());
        assertTrue(pdfsig.output().contains("Signature #2"), pdfsig.output());
        assertEquals(2, pdfsig.output().split("Signature is Valid\\.", -1).length - 1, pdfsig.output());
        assertTrue(pdfsig.output().contains("CN=wf-rest-1") && pdfsig.output().contains("CN=wf-rest-2"), pdfsig.output());
        SimpleReport dss = OutsideVerifiers.dss(document.body(), null, null, SignetServer.demoCa(), SignetServer.publishedCrl());
        assertEquals(2, dss.getSignaturesCount());
        for (String signature : dss.getSignatureIdList()) {
            assertEquals(Indication.TOTAL_PASSED, dss.getIndication(signature), signature + ": " + dss.getAdESValidationErrors(signature));
        }

        HttpResponse<byte[]> evidence = SignetServer.demoPost("/signet/api/archive/evidence", "application/pdf", document.body());
        assertEquals(409, evidence.statusCode(), "the signed document is in the archive, waiting for its sealing: "
                + SignetServer.text(evidence));

        Mailboxes.Mail done = Mailboxes.await("orders@signet.test", "Signed: order.pdf");
        assertTrue(done.text().contains("application/pdf") && done.text().contains("order-signed.pdf"), done.text());
        assertTrue(SignetServer.audited("WORKFLOW_COMPLETED", id));
    }

    @Test
    void aWorkflowRefusesWhatItCannotRunAndEndsWhenItsSignerRefuses() throws Exception {
        SignetServer.workflowSigner("wf-soap-1");
        SignetServer.putUser("wf-no-mail", "wf-no-mail-password", "signer");
        byte[] pdf = TestDocuments.pdf(1, "refusals");
        assertRefused(400, "no enabled user 'wf-nobody'", "{\"steps\":[{\"signer\":\"wf-nobody\"}]}", pdf);
        assertRefused(400, "user 'wf-no-mail' has no e-mail address", "{\"steps\":[{\"signer\":\"wf-no-mail\"}]}", pdf);
        assertRefused(400, "no empty signature field 'Nowhere'", "{\"steps\":[{\"signer\":\"wf-soap-1\",\"field\":\"Nowhere\"}]}", pdf);
        assertRefused(400, "has no authenticator enrolled", "{\"steps\":[{\"signer\":\"wf-soap-1\",\"oneTimeCode\":true}]}", pdf);
        assertRefused(400, "at least one step", "{\"steps\":[]}", pdf);
        assertRefused(400, "not a workflow in JSON", "{\"steps\":", pdf);
        assertRefused(400, "truncated", "{\"steps\":[{\"signer\":\"wf-soap-1\"}]}", java.util.Arrays.copyOf(pdf, pdf.length - 8));
        HttpResponse<byte[]> anonymous = SignetServer.startWorkflow(null, null, "a.pdf", pdf, "{\"steps\":[{\"signer\":\"wf-soap-1\"}]}");
        assertEquals(401, anonymous.statusCode());
        String longName = "a".repeat(300) + ".pdf";
        HttpResponse<byte[]> named = SignetServer.startWorkflow(SignetServer.DEMO_USER, SignetServer.demoPassword(), "../../etc/" + longName,
                pdf, "{\"steps\":[{\"signer\":\"wf-soap-1\"}]}");
        assertEquals(201, named.statusCode(), SignetServer.text(named));
        assertEquals(longName.substring(longName.length() - 200), JsonFields.text(SignetServer.text(named), "documentName"),
                "a name that goes into mails and files: no path, at most 200 characters");

        Signing initiator = SignetServer.demoSoap();
        WorkflowStart start = new WorkflowStart();
        start.setDocument(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        start.setDocumentName("lease.pdf");
        WorkflowStepRequest step = new WorkflowStepRequest();
        step.setSigner("wf-soap-1");
        start.getStep().add(step);
        Workflow started = initiator.startWorkflow(start);
        assertEquals("running", started.getState());
        assertEquals(List.of("wf-soap-1"), started.getWaitingFor());

        Signing signer = SignetServer.soap("wf-soap-1", "wf-soap-1-password");
        assertTrue(signer.workflowInbox().stream().anyMatch(w -> w.getId().equals(started.getId())), "the inbox lists it");
        Workflow refused = signer.refuseWorkflow(started.getId(), "the rent is wrong");
        assertEquals("refused", refused.getState());
        assertEquals("refused", refused.getStep().get(0).getState());
        assertEquals("the rent is wrong", refused.getStep().get(0).getNote());
        SignetFault after = assertThrows(SignetFault.class, () -> signer.signWorkflow(started.getId(), null));
        assertEquals("CONFLICT", after.getFaultInfo().getCode(), after.getMessage());
        SignetFault unknown = assertThrows(SignetFault.class, () -> signer.workflowStatus("no-such-workflow"));
        assertEquals("UNKNOWN_WORKFLOW", unknown.getFaultInfo().getCode());

        String link = Mailboxes.await("wf-soap-1@signet.test", "Please sign: lease.pdf").workflowLink();
        assertTrue(link.startsWith(SignetServer.HTTP + "/signet/console/workflow.xhtml?link="), link);
        assertTrue(SignetServer.audited("WORKFLOW_REFUSED", "the rent is wrong"));

        Administration admin = SignetServer.demoAdministration();
        admin.putUser("wf-no-mail", null, List.of(), null, false, "WF-No-Mail@Signet.test");
        assertEquals("wf-no-mail@signet.test", admin.listUsers().stream().filter(u -> u.getName().equals("wf-no-mail")).findFirst()
                .orElseThrow().getEmail(), "an address set over SOAP, kept in lower case");
        org.signet.client.soap.admin.SignetFault notAnAddress = assertThrows(org.signet.client.soap.admin.SignetFault.class, () -> admin.putUser("wf-no-mail", null, List.of(), null, false,
                "Mallory <m@example.org>, x@example.org"));
        assertEquals("INVALID_INPUT", notAnAddress.getFaultInfo().getCode(), notAnAddress.getMessage());
    }

    @Test
    void aGroupStepIsSignedByAnyOneMemberAndAnAllStepByEveryMemberInAnyOrder() throws Exception {
        for (String person : List.of("wf-fin-1", "wf-fin-2", "wf-board-1", "wf-board-2")) {
            SignetServer.workflowSigner(person);
        }
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/groups/wf-finance", "{\"members\":[\"wf-fin-1\",\"wf-fin-2\"]}")
                .statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/groups/wf-board", "{\"members\":[\"wf-board-1\",\"wf-board-2\"]}")
                .statusCode());
        byte[] form = TestDocuments.form(null, "Finance");
        assertRefused(400, "no one field is theirs", "{\"steps\":[{\"group\":\"wf-board\",\"all\":true,\"field\":\"Finance\"}]}", form);
        assertRefused(400, "a signer or a group, one of them", "{\"steps\":[{\"group\":\"wf-board\",\"signer\":\"wf-fin-1\"}]}", form);
        HttpResponse<byte[]> started = SignetServer.startWorkflow(SignetServer.DEMO_USER, SignetServer.demoPassword(), "budget.pdf", form,
                "{\"steps\":[{\"group\":\"wf-finance\",\"field\":\"Finance\"},{\"group\":\"wf-board\",\"all\":true}],\"level\":\"B\"}");
        assertEquals(201, started.statusCode(), SignetServer.text(started));
        String id = JsonFields.text(SignetServer.text(started), "id");
        assertTrue(SignetServer.text(started).contains("\"waitingFor\":[\"group:wf-finance\"]"), SignetServer.text(started));
        String first = Mailboxes.await("wf-fin-1@signet.test", "Please sign: budget.pdf").workflowLink();
        String second = Mailboxes.await("wf-fin-2@signet.test", "Please sign: budget.pdf").workflowLink();
        assertTrue(!first.equals(second), "each member is mailed a link of their own");
        assertEquals(403, sign(id, "wf-board-1").statusCode(), "the board signs after finance");

        HttpResponse<byte[]> finance = sign(id, "wf-fin-2");
        assertEquals(200, finance.statusCode(), SignetServer.text(finance));
        assertTrue(SignetServer.text(finance).contains("\"waitingFor\":[\"wf-board-1\",\"wf-board-2\"]"), SignetServer.text(finance));
        assertTrue(SignetServer.text(finance).contains("\"group\":\"wf-finance\"") && SignetServer.text(finance).contains("\"signer\":\"wf-fin-2\""),
                "the member who signed takes the group's step: " + SignetServer.text(finance));
        assertEquals(403, sign(id, "wf-fin-1").statusCode(), "one member of the group signs, once");
        Mailboxes.await("wf-board-1@signet.test", "Please sign: budget.pdf");
        Mailboxes.await("wf-board-2@signet.test", "Please sign: budget.pdf");
        HttpResponse<byte[]> boardTwo = sign(id, "wf-board-2");
        assertEquals(200, boardTwo.statusCode(), SignetServer.text(boardTwo));
        assertTrue(SignetServer.text(boardTwo).contains("\"waitingFor\":[\"wf-board-1\"]"), "in any order: " + SignetServer.text(boardTwo));
        HttpResponse<byte[]> boardOne = sign(id, "wf-board-1");
        assertEquals(200, boardOne.statusCode(), SignetServer.text(boardOne));
        assertTrue(SignetServer.text(boardOne).contains("\"state\":\"completed\""), SignetServer.text(boardOne));

        HttpResponse<byte[]> document = SignetServer.send("GET", "/signet/api/workflows/" + id + "/document", "wf-fin-1",
                "wf-fin-1-password", null, null);
        assertEquals(200, document.statusCode(), "a member of a step's group sees the workflow");
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "budget-signed.pdf", document.body()));
        assertEquals(3, pdfsig.output().split("Signature is Valid\\.", -1).length - 1, pdfsig.output());
        assertTrue(pdfsig.output().contains("Signature Field Name: Finance"), pdfsig.output());
    }

    @Test
    void aTemplateIsStartedWithTheDocumentAloneByThoseItNames() throws Exception {
        SignetServer.workflowSigner("wf-tpl-1");
        SignetServer.putUser("wf-tpl-starter", "wf-tpl-starter-password", "signer");
        SignetServer.putUser("wf-tpl-other", "wf-tpl-other-password", "signer");
        String template = "{\"description\":\"Invoices over 10,000\",\"steps\":[{\"signer\":\"wf-tpl-1\",\"field\":\"Approval\"}],"
                + "\"recipients\":[\"invoices@signet.test\"],\"level\":\"B\",\"starters\":[\"wf-tpl-starter\"],"
                + "\"callback\":\"http://127.0.0.1:8193/workflow-ended\"}";
        HttpResponse<byte[]> notAllowed = SignetServer.admin("PUT", "/signet/api/admin/workflow-templates/wf-invoice",
                template.replace("/workflow-ended", "/elsewhere"));
        assertEquals(400, notAllowed.statusCode(), "a callback the server configuration does not allow: " + SignetServer.text(notAllowed));
        assertTrue(SignetServer.text(notAllowed).contains("signet.workflow.callbacks"), SignetServer.text(notAllowed));
        HttpResponse<byte[]> notAdmin = SignetServer.send("PUT", "/signet/api/admin/workflow-templates/wf-invoice", "wf-tpl-starter",
                "wf-tpl-starter-password", "application/json", template.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(403, notAdmin.statusCode(), SignetServer.text(notAdmin));
        HttpResponse<byte[]> unknown = SignetServer.admin("PUT", "/signet/api/admin/workflow-templates/wf-invoice",
                template.replace("wf-tpl-1", "wf-tpl-nobody"));
        assertEquals(400, unknown.statusCode());
        assertTrue(SignetServer.text(unknown).contains("no user 'wf-tpl-nobody'"), SignetServer.text(unknown));
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/workflow-templates/wf-invoice", template).statusCode());

        assertTrue(SignetServer.text(SignetServer.send("GET", "/signet/api/workflows/templates", "wf-tpl-starter", "wf-tpl-starter-password",
                null, null)).contains("\"name\":\"wf-invoice\""));
        assertEquals("[]", SignetServer.text(SignetServer.send("GET", "/signet/api/workflows/templates", "wf-tpl-other",
                "wf-tpl-other-password", null, null)), "a template is offered only to those it names");
        byte[] form = TestDocuments.form(null, "Approval");
        HttpResponse<byte[]> stranger = startFromTemplate("wf-tpl-other", form, "wf-invoice");
        assertEquals(404, stranger.statusCode(), SignetServer.text(stranger));
        HttpResponse<byte[]> started = startFromTemplate("wf-tpl-starter", form, "wf-invoice");
        assertEquals(201, started.statusCode(), SignetServer.text(started));
        assertTrue(SignetServer.text(started).contains("\"waitingFor\":[\"wf-tpl-1\"]") && SignetServer.text(started).contains("\"level\":\"B\"")
                && SignetServer.text(started).contains("\"initiator\":\"wf-tpl-starter\""), SignetServer.text(started));
        Mailboxes.await("wf-tpl-1@signet.test", "Please sign: invoice.pdf");
        String id = JsonFields.text(SignetServer.text(started), "id");
        java.util.concurrent.BlockingQueue<String> called = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 8193), 0);
        receiver.createContext("/workflow-ended", exchange -> {
            called.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            assertEquals(200, sign(id, "wf-tpl-1").statusCode());
            String callback = called.poll(60, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(callback != null && callback.contains("\"id\":\"" + id + "\"") && callback.contains("\"state\":\"completed\"")
                    && callback.contains("/signet/api/workflows/" + id + "/document"), "the template's callback is told: " + callback);
        } finally {
            receiver.stop(0);
        }

        org.signet.client.soap.admin.WorkflowTemplate listed = SignetServer.demoAdministration().listWorkflowTemplates().stream()
                .filter(t -> t.getName().equals("wf-invoice")).findFirst().orElseThrow();
        assertEquals("wf-tpl-1", listed.getStep().get(0).getSigner());
        assertEquals(List.of("wf-tpl-starter"), listed.getStarter());
        assertEquals(List.of("wf-invoice"), SignetServer.soap("wf-tpl-starter", "wf-tpl-starter-password").workflowTemplates().stream()
                .map(org.signet.client.soap.WorkflowTemplate::getName).filter(n -> n.equals("wf-invoice")).toList());
        SignetServer.demoAdministration().deleteWorkflowTemplate("wf-invoice");
        assertEquals(404, startFromTemplate("wf-tpl-starter", form, "wf-invoice").statusCode(), "a deleted template starts nothing");
    }

    @Test
    void eachDocumentOfAWorkflowRootsBatchStartsAWorkflowFromItsTemplate() throws Exception {
        SignetServer.workflowSigner("wf-hf-1");
        SignetServer.putUser("wf-hf-clerk", "wf-hf-clerk-password", "signer");
        SignetServer.putUser("wf-hf-other", "wf-hf-other-password", "signer");
        Path base = java.nio.file.Files.createDirectories(Path.of(System.getProperty("signet.it.dir"), "wf-hotfolder-" + System.nanoTime()));
        Path filed = base.resolve("filed");
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/workflow-templates/wf-hf-contracts",
                "{\"steps\":[{\"signer\":\"wf-hf-1\",\"field\":\"Approval\"}],\"level\":\"B\",\"starters\":[\"wf-hf-clerk\"],"
                + "\"folder\":\"" + filed + "\"}").statusCode());
        String folders = "\"root\":\"" + base.resolve("in") + "\",\"out\":\"" + base.resolve("out") + "\",\"error\":\"" + base.resolve("err") + "\"";

        HttpResponse<byte[]> withSeal = SignetServer.admin("PUT", "/signet/api/admin/hotfolders/wf-contracts",
                "{" + folders + ",\"workflow\":\"wf-hf-contracts\",\"runAs\":\"wf-hf-clerk\",\"seal\":\"demo\"}");
        assertEquals(400, withSeal.statusCode(), SignetServer.text(withSeal));
        assertTrue(SignetServer.text(withSeal).contains("it names no seal"), SignetServer.text(withSeal));
        HttpResponse<byte[]> notStarter = SignetServer.admin("PUT", "/signet/api/admin/hotfolders/wf-contracts",
                "{" + folders + ",\"workflow\":\"wf-hf-contracts\",\"runAs\":\"wf-hf-other\"}");
        assertEquals(404, notStarter.statusCode(), "the run-as user may not start the template: " + SignetServer.text(notStarter));
        HttpResponse<byte[]> put = SignetServer.admin("PUT", "/signet/api/admin/hotfolders/wf-contracts",
                "{" + folders + ",\"workflow\":\"wf-hf-contracts\",\"runAs\":\"wf-hf-clerk\"}");
        assertEquals(200, put.statusCode(), SignetServer.text(put));
        assertTrue(SignetServer.text(put).contains("\"workflow\":\"wf-hf-contracts\"") && !SignetServer.text(put).contains("\"seal\""),
                SignetServer.text(put));

        Path batch = java.nio.file.Files.createDirectories(base.resolve("in/day-1"));
        byte[] contract = TestDocuments.form(null, "Approval");
        java.nio.file.Files.write(batch.resolve("contract-1.pdf"), contract);
        java.nio.file.Files.write(batch.resolve("contract-2.pdf"), TestDocuments.form(null, "Approval"));
        java.nio.file.Files.write(batch.resolve("no-field.pdf"), TestDocuments.pdf(1, "a PDF without the template's field"));
        java.nio.file.Files.writeString(batch.resolve("APPROVED"), "");
        Path ready = base.resolve("out/day-1/READY");
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!java.nio.file.Files.exists(ready) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals("started=2\nfailed=1\n", java.nio.file.Files.readString(ready));
        List<String> report = java.nio.file.Files.readAllLines(base.resolve("out/day-1/report.csv"));
        assertTrue(report.stream().anyMatch(l -> l.startsWith("contract-1.pdf,STARTED,contract-1.pdf.workflow.json,")), report.toString());
        assertTrue(report.stream().anyMatch(l -> l.startsWith("no-field.pdf,FAILED,,,no workflow started: ") && l.contains("Approval")),
                report.toString());
        assertTrue(java.nio.file.Files.exists(base.resolve("err/day-1/no-field.pdf")), "the document no workflow took is in the error folder");
        assertTrue(!java.nio.file.Files.exists(batch.resolve("contract-1.pdf")), "a started document leaves the batch folder");

        String receipt = java.nio.file.Files.readString(base.resolve("out/day-1/contract-1.pdf.workflow.json"));
        String id = JsonFields.text(receipt, "workflow");
        assertTrue(receipt.contains("\"initiator\":\"wf-hf-clerk\"") && receipt.contains("\"sha256\":\""
                + TestDocuments.sha256Hex(contract) + "\""), receipt);
        Mailboxes.await("wf-hf-1@signet.test", "Please sign: contract-1.pdf");
        String asInitiator = SignetServer.text(SignetServer.send("GET", "/signet/api/workflows/" + id, "wf-hf-clerk", "wf-hf-clerk-password",
                null, null));
        assertTrue(asInitiator.contains("\"initiator\":\"wf-hf-clerk\"") && asInitiator.contains("\"waitingFor\":[\"wf-hf-1\"]")
                && asInitiator.contains("\"yourTurn\":false"), asInitiator);
        String inbox = SignetServer.text(SignetServer.send("GET", "/signet/api/workflows", "wf-hf-1", "wf-hf-1-password", null, null));
        assertTrue(inbox.contains("\"id\":\"" + id + "\"") && inbox.contains("\"yourTurn\":true"), inbox);

        assertEquals(200, sign(id, "wf-hf-1").statusCode());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(filed.resolve("contract-1-signed.pdf"));
        assertTrue(pdfsig.output().contains("Signature Field Name: Approval") && pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        String batchId = null;
        for (com.fasterxml.jackson.databind.JsonNode batchNode : new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/batches?limit=1000", null)))) {
            if (batchNode.path("hotFolder").asText().equals("wf-contracts")) {
                batchId = batchNode.path("id").asText();
            }
        }
        assertTrue(batchId != null, "the workflow root's batch is listed");
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/hotfolders/wf-contracts", null).statusCode());
        HttpResponse<byte[]> afterwards = SignetServer.admin("GET", "/signet/api/batches/" + batchId, null);
        assertEquals(200, afterwards.statusCode(), "a batch of a removed root stays readable: " + SignetServer.text(afterwards));
        assertTrue(SignetServer.text(afterwards).contains("\"state\":\"COMPLETED\""), SignetServer.text(afterwards));
    }

    @Test
    void aStepIsRemindedHalfwayPassedToItsEscalationUserAtItsDeadlineAndTheWorkflowEndsAtTheNext() throws Exception {
        SignetServer.workflowSigner("wf-late-1");
        SignetServer.workflowSigner("wf-late-2");
        SignetServer.workflowSigner("wf-late-boss");
        byte[] form = TestDocuments.form(null, "Approval");
        HttpResponse<byte[]> nobody = SignetServer.startWorkflow("wf-late-boss", "wf-late-boss-password", "late.pdf", form,
                "{\"steps\":[{\"signer\":\"wf-late-1\",\"escalateTo\":\"wf-late-nobody\"}]}");
        assertEquals(400, nobody.statusCode(), SignetServer.text(nobody));
        assertTrue(SignetServer.text(nobody).contains("'wf-late-nobody'"), SignetServer.text(nobody));
        HttpResponse<byte[]> started = SignetServer.startWorkflow("wf-late-boss", "wf-late-boss-password", "late.pdf", form,
                "{\"steps\":[{\"signer\":\"wf-late-1\",\"field\":\"Approval\",\"days\":2,\"escalateTo\":\"wf-late-2\"}],\"level\":\"B\"}");
        assertEquals(201, started.statusCode(), SignetServer.text(started));
        assertTrue(SignetServer.text(started).contains("\"escalateTo\":\"wf-late-2\""), SignetServer.text(started));
        String id = JsonFields.text(SignetServer.text(started), "id");
        Mailboxes.await("wf-late-1@signet.test", "Please sign: late.pdf");

        java.time.Duration scan = java.time.Duration.ofSeconds(100); // deadlines are looked at every minute
        moveDeadline(id, java.time.Duration.ofHours(1)); // less than half of the two days left
        Mailboxes.await("wf-late-1@signet.test", "Reminder, please sign: late.pdf", scan);

        moveDeadline(id, java.time.Duration.ofMinutes(-1));
        Mailboxes.Mail passed = Mailboxes.await("wf-late-2@signet.test", "Please sign: late.pdf", scan);
        assertTrue(passed.text().replace("=\r\n", "").contains("wf-late-1 did not sign step 1 within 2 days") && passed.workflowLink() != null,
                passed.text());
        Mailboxes.await("wf-late-boss@signet.test", "Workflow escalated: late.pdf");
        String escalated = SignetServer.text(SignetServer.send("GET", "/signet/api/workflows/" + id, "wf-late-boss", "wf-late-boss-password",
                null, null));
        assertTrue(escalated.contains("\"state\":\"running\"") && escalated.contains("\"waitingFor\":[\"wf-late-2\"]"), escalated);
        assertEquals(404, sign(id, "wf-late-1").statusCode(), "the step is no longer the first signer's, nor the workflow theirs to see");

        moveDeadline(id, java.time.Duration.ofMinutes(-1));
        Mailboxes.await("wf-late-boss@signet.test", "Workflow expired: late.pdf", scan);
        String ended = SignetServer.text(SignetServer.send("GET", "/signet/api/workflows/" + id, "wf-late-boss", "wf-late-boss-password",
                null, null));
        assertTrue(ended.contains("\"state\":\"expired\"") && ended.contains("wf-late-2 did not sign step 1 within 2 days"), ended);
        assertEquals(409, sign(id, "wf-late-2").statusCode(), "an expired workflow is signed by nobody");
    }

    @Test
    void aWorkflowWhoseEscalationUserWasDisabledEndsAtTheFirstDeadline() throws Exception {
        SignetServer.workflowSigner("wf-gone-1");
        SignetServer.workflowSigner("wf-gone-2");
        SignetServer.workflowSigner("wf-gone-boss");
        HttpResponse<byte[]> started = SignetServer.startWorkflow("wf-gone-boss", "wf-gone-boss-password", "gone.pdf",
                TestDocuments.form(null, "Approval"),
                "{\"steps\":[{\"signer\":\"wf-gone-1\",\"field\":\"Approval\",\"days\":2,\"escalateTo\":\"wf-gone-2\"}],\"level\":\"B\"}");
        assertEquals(201, started.statusCode(), SignetServer.text(started));
        String id = JsonFields.text(SignetServer.text(started), "id");
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/wf-gone-2/enabled", "{\"enabled\":false}").statusCode());

        moveDeadline(id, java.time.Duration.ofMinutes(-1));
        Mailboxes.await("wf-gone-boss@signet.test", "Workflow expired: gone.pdf", java.time.Duration.ofSeconds(100));
        String ended = SignetServer.text(SignetServer.send("GET", "/signet/api/workflows/" + id, "wf-gone-boss", "wf-gone-boss-password",
                null, null));
        assertTrue(ended.contains("\"state\":\"expired\"")
                && ended.contains("cannot be passed to wf-gone-2: there is no enabled user 'wf-gone-2'"), ended);
        assertTrue(Mailboxes.of("wf-gone-2@signet.test").isEmpty(), "nobody asks a disabled user to sign");
    }

    @Test
    void aStepSignedWithASealItsSignerIsAuthorisedFor() throws Exception {
        SignetServer.workflowSigner("wf-seal-1");
        byte[] form = TestDocuments.form(null, "Approval");
        String workflow = "{\"steps\":[{\"signer\":\"wf-seal-1\",\"field\":\"Approval\",\"seal\":\"demo\"}],\"level\":\"B\"}";
        HttpResponse<byte[]> notAuthorised = SignetServer.startWorkflow(SignetServer.DEMO_USER, SignetServer.demoPassword(), "sealed.pdf", form,
                workflow);
        assertEquals(400, notAuthorised.statusCode(), SignetServer.text(notAuthorised));
        assertTrue(SignetServer.text(notAuthorised).contains("'wf-seal-1' is not authorised for seal 'demo'"), SignetServer.text(notAuthorised));
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/demo/users/wf-seal-1", null).statusCode());
        HttpResponse<byte[]> started = SignetServer.startWorkflow(SignetServer.DEMO_USER, SignetServer.demoPassword(), "sealed.pdf", form,
                workflow);
        assertEquals(201, started.statusCode(), SignetServer.text(started));
        assertTrue(SignetServer.text(started).contains("\"seal\":\"demo\""), SignetServer.text(started));
        String id = JsonFields.text(SignetServer.text(started), "id");
        assertEquals(200, sign(id, "wf-seal-1").statusCode());

        Path signed = java.nio.file.Files.write(dir.resolve("sealed.pdf"), SignetServer.send("GET", "/signet/api/workflows/" + id + "/document",
                "wf-seal-1", "wf-seal-1-password", null, null).body());
        Path bySeal = java.nio.file.Files.write(dir.resolve("by-seal.pdf"), SignetServer.demoPost("/signet/api/sign/pdf?seal=demo",
                "application/pdf", TestDocuments.pdf(1, "sealed directly")).body());
        OutsideVerifiers.Run step = OutsideVerifiers.pdfsig(signed);
        assertTrue(step.output().contains("Signature Field Name: Approval") && step.output().contains("Signature is Valid."), step.output());
        assertEquals(signerName(OutsideVerifiers.pdfsig(bySeal).output()), signerName(step.output()), "the step is signed with the seal's key");
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/seals/demo/users/wf-seal-1", null).statusCode());
    }

    private static String signerName(String pdfsig) {
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("Signer Certificate Common Name: (.*)").matcher(pdfsig);
        assertTrue(name.find(), pdfsig);
        return name.group(1).strip();
    }

    /** The workflow's waiting step's deadline, set to now plus {@code from}, in the database's own local time. */
    private static void moveDeadline(String id, java.time.Duration from) {
        String at = java.sql.Timestamp.from(java.time.Instant.now().plus(from)).toString();
        HttpResponse<byte[]> answer = SignetServer.send("POST", "/signet-it-sql/sql", null, null, "text/plain",
                ("UPDATE SIGNET_WORKFLOW_STEP SET DEADLINE = CAST('" + at + "' AS TIMESTAMP) WHERE WORKFLOW_ID = '" + id
                        + "' AND STATE = 'PENDING'").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("1", SignetServer.text(answer).strip(), "one waiting step moved: " + SignetServer.text(answer));
    }

    private static HttpResponse<byte[]> startFromTemplate(String user, byte[] pdf, String template) {
        SignetServer.Multipart form = new SignetServer.Multipart().file("document", "invoice.pdf", pdf).text("template", template);
        return SignetServer.send("POST", "/signet/api/workflows", user, user + "-password", form.contentType(), form.body());
    }

    private static HttpResponse<byte[]> sign(String id, String person) {
        return SignetServer.send("POST", "/signet/api/workflows/" + id + "/signature", person, person + "-password", null, null);
    }

    @Test
    void theCommandLineStartsAWorkflowItsSignerSignsItAndFetchesTheDocument() throws Exception {
        SignetServer.workflowSigner("wf-cli-1");
        Path in = java.nio.file.Files.write(dir.resolve("memo.pdf"), TestDocuments.form(null, "Approval"));
        CommandLineIT.Result wrong = CommandLineIT.run(dir, CommandLineIT.demo(), "workflow", "start", "--in", in.toString(),
                "--signers", "wf-cli-1,demo", "--fields", "Approval");
        assertEquals(2, wrong.exitCode(), wrong.stderr());
        assertTrue(wrong.stderr().contains("one empty signature field per signer"), wrong.stderr());

        CommandLineIT.Result bySeal = CommandLineIT.run(dir, CommandLineIT.demo(), "workflow", "start", "--in", in.toString(),
                "--signers", "wf-cli-1", "--seal", "demo");
        assertEquals(3, bySeal.exitCode(), bySeal.stderr());
        assertTrue(bySeal.stderr().contains("'wf-cli-1' is not authorised for seal 'demo'"), bySeal.stderr());

        SignetServer.workflowSigner("wf-cli-2");
        CommandLineIT.Result started = CommandLineIT.run(dir, CommandLineIT.demo(), "workflow", "start", "--in", in.toString(),
                "--signers", "wf-cli-1", "--fields", "Approval", "--level", "B", "--days", "3", "--escalate-to", "wf-cli-2");
        assertEquals(0, started.exitCode(), started.stderr());
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("workflow (\\S+)  running  memo\\.pdf  waiting for wf-cli-1")
                .matcher(started.stdout());
        assertTrue(id.find(), started.stdout());
        assertTrue(started.stdout().contains("1. wf-cli-1  pending  field Approval  escalates to wf-cli-2"), started.stdout());

        // a step the mailed link alone signs (the test server allows loopback for it); not with a one-time code
        CommandLineIT.Result byLink = CommandLineIT.run(dir, CommandLineIT.demo(), "workflow", "start", "--in", in.toString(),
                "--signers", "wf-cli-1", "--fields", "Approval", "--link-only");
        assertEquals(0, byLink.exitCode(), byLink.stderr());
        assertTrue(byLink.stdout().contains("1. wf-cli-1  pending  field Approval  by the mailed link alone"), byLink.stdout());
        CommandLineIT.Result both = CommandLineIT.run(dir, CommandLineIT.demo(), "workflow", "start", "--in", in.toString(),
                "--signers", "wf-cli-1", "--fields", "Approval", "--link-only", "--one-time-code");
        assertEquals(3, both.exitCode(), both.stdout());
        assertTrue(both.stderr().contains("INVALID_INPUT"), both.stderr());

        java.util.Map<String, String> signer = java.util.Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER", "wf-cli-1",
                "SIGNET_PASSWORD", "wf-cli-1-password");
        CommandLineIT.Result inbox = CommandLineIT.run(dir, signer, "workflow", "inbox");
        assertTrue(inbox.stdout().contains(id.group(1) + "  running  memo.pdf  started by demo  waiting for wf-cli-1  (your turn)"), inbox.stdout());
        CommandLineIT.Result signed = CommandLineIT.run(dir, signer, "workflow", "sign", "--id", id.group(1));
        assertEquals(0, signed.exitCode(), signed.stderr());
        assertTrue(signed.stdout().contains("completed") && signed.stdout().contains("1. wf-cli-1  signed  field Approval"), signed.stdout());
        Path out = dir.resolve("memo-signed.pdf");
        CommandLineIT.Result fetched = CommandLineIT.run(dir, signer, "workflow", "document", "--id", id.group(1), "--out", out.toString());
        assertEquals(0, fetched.exitCode(), fetched.stderr());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(out);
        assertTrue(pdfsig.output().contains("Signature Field Name: Approval") && pdfsig.output().contains("Signature is Valid."),
                pdfsig.output());
        CommandLineIT.Result again = CommandLineIT.run(dir, signer, "workflow", "sign", "--id", id.group(1));
        assertEquals(3, again.exitCode(), again.stdout());
        assertTrue(again.stderr().contains("CONFLICT"), again.stderr());

        Path filed = Path.of(System.getProperty("signet.it.dir"), "workflow-out");
        if (java.nio.file.Files.isDirectory(filed)) {
            try (var earlier = java.nio.file.Files.list(filed)) {
                for (Path file : earlier.toList()) {
                    java.nio.file.Files.delete(file);
                }
            }
        }
        HttpResponse<byte[]> outside = SignetServer.admin("PUT", "/signet/api/admin/workflow-templates/wf-memos",
                "{\"steps\":[{\"signer\":\"wf-cli-1\"}],\"folder\":\"/etc/signet-memos\"}");
        assertEquals(400, outside.statusCode(), "a folder outside the allowed ones: " + SignetServer.text(outside));
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/workflow-templates/wf-memos",
                "{\"description\":\"Memos\",\"steps\":[{\"signer\":\"wf-cli-1\"}],\"folder\":\"" + filed + "\"}").statusCode());
        CommandLineIT.Result templates = CommandLineIT.run(dir, CommandLineIT.demo(), "workflow", "templates");
        assertTrue(templates.stdout().contains("wf-memos  Memos"), templates.stdout() + templates.stderr());
        CommandLineIT.Result fromTemplate = CommandLineIT.run(dir, CommandLineIT.demo(), "workflow", "start", "--in", in.toString(),
                "--template", "wf-memos");
        assertEquals(0, fromTemplate.exitCode(), fromTemplate.stderr());
        java.util.regex.Matcher memo = java.util.regex.Pattern.compile("workflow (\\S+)  running  memo\\.pdf  waiting for wf-cli-1")
                .matcher(fromTemplate.stdout());
        assertTrue(memo.find(), fromTemplate.stdout());
        assertEquals(0, CommandLineIT.run(dir, signer, "workflow", "sign", "--id", memo.group(1)).exitCode());
        Path written = filed.resolve("memo-signed.pdf");
        assertTrue(java.nio.file.Files.exists(written), "the template's folder holds the signed PDF");
        assertEquals(0, CommandLineIT.run(dir, CommandLineIT.demo(), "workflow", "start", "--in", in.toString(), "--template", "wf-memos")
                .exitCode());
        CommandLineIT.Result inbox2 = CommandLineIT.run(dir, signer, "workflow", "inbox");
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("(\\S+)  running  memo\\.pdf").matcher(inbox2.stdout());
        assertTrue(next.find(), inbox2.stdout());
        assertEquals(0, CommandLineIT.run(dir, signer, "workflow", "sign", "--id", next.group(1)).exitCode());
        assertTrue(java.nio.file.Files.exists(filed.resolve("memo-signed-" + next.group(1) + ".pdf")),
                "a name already taken is not replaced: the next one carries the workflow's id");
        OutsideVerifiers.Run filedCheck = OutsideVerifiers.pdfsig(written);
        assertTrue(filedCheck.output().contains("Signature is Valid."), filedCheck.output());
    }

    private static void assertRefused(int status, String words, String json, byte[] pdf) {
        HttpResponse<byte[]> answer = SignetServer.startWorkflow(SignetServer.DEMO_USER, SignetServer.demoPassword(), "a.pdf", pdf, json);
        assertEquals(status, answer.statusCode(), SignetServer.text(answer));
        assertTrue(SignetServer.text(answer).contains(words), SignetServer.text(answer));
    }
}
