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

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
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
        assertEquals("wf-rest-1", JsonFields.text(SignetServer.text(started), "waitingFor"));

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
        assertEquals("wf-rest-2", JsonFields.text(SignetServer.text(signed), "waitingFor"));
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

        Signing initiator = SignetServer.demoSoap();
        WorkflowStart start = new WorkflowStart();
        start.setDocument(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        start.setDocumentName("lease.pdf");
        WorkflowStepRequest step = new WorkflowStepRequest();
        step.setSigner("wf-soap-1");
        start.getStep().add(step);
        Workflow started = initiator.startWorkflow(start);
        assertEquals("running", started.getState());
        assertEquals("wf-soap-1", started.getWaitingFor());

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

    private static void assertRefused(int status, String words, String json, byte[] pdf) {
        HttpResponse<byte[]> answer = SignetServer.startWorkflow(SignetServer.DEMO_USER, SignetServer.demoPassword(), "a.pdf", pdf, json);
        assertEquals(status, answer.statusCode(), SignetServer.text(answer));
        assertTrue(SignetServer.text(answer).contains(words), SignetServer.text(answer));
    }
}
