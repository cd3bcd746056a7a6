package org.signet.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signet.it.sql.SqlConsole;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail cannot be changed unseen: each kind of change made directly in the database with SQL (as someone
 * with database access but without Signet's keys would) is found by the check, on Derby and on PostgreSQL alike.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailIT {

    private static final String AUDITOR = "auditor-1";
    private static final String AUDITOR_PASSWORD = "auditor-password-1";

    @Deployment(name = "signet", testable = false, order = 1)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @Deployment(name = "sql", testable = false, order = 2)
    static WebArchive sqlConsole() {
        return ShrinkWrap.create(WebArchive.class, "signet-it-sql.war").addClass(SqlConsole.class);
    }

    @TempDir
    Path dir;

    @Test
    @Order(1)
    void anAuditorFindsTheTrailIntactAndExportsIt() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, SignetServer.demoPost("/signet/api/sign/pdf?seal=demo", "application/pdf", TestDocuments.pdf(1, "audited " + i))
                    .statusCode());
        }
        SignetServer.putUser(AUDITOR, AUDITOR_PASSWORD, "auditor");
        HttpResponse<byte[]> checkpoint = auditor("POST", "/signet/api/admin/audit/checkpoints");
        assertEquals(200, checkpoint.statusCode(), SignetServer.text(checkpoint));
        assertTrue(SignetServer.text(checkpoint).matches(".*\"headHash\":\"[0-9a-f]{64}\".*")
                && SignetServer.text(checkpoint).matches(".*\"link\":[1-9][0-9]*.*"), SignetServer.text(checkpoint));

        String verification = SignetServer.text(auditor("GET", "/signet/api/admin/audit/verification"));
        assertTrue(verification.contains("\"intact\":true") && verification.contains("\"problems\":[]"), verification);
        assertTrue(verification.matches(".*\"checkpoints\":[1-9].*"), verification);
        CommandLineIT.Result cli = CommandLineIT.run(dir, CommandLineIT.demo(), "audit", "verify");
        assertEquals(0, cli.exitCode(), cli.stdout() + cli.stderr());
        assertTrue(cli.stdout().startsWith("INTACT"), cli.stdout());

        String csv = SignetServer.text(auditor("GET", "/signet/api/admin/audit/export"));
        List<String> lines = csv.lines().toList();
        assertEquals("link,link_sha256,event,occurred_at,actor,action,outcome,seal,document_sha256,detail,event_seal", lines.get(0));
        assertTrue(lines.stream().skip(1).anyMatch(line -> line.matches("\\d+,[0-9a-f]{64},\\d+,[^,]+,demo,SIGN,SUCCESS,demo,[0-9a-f]{64},.*,[0-9a-f]{64}")),
                csv);

        // the auditor reads and checks, and nothing else; a signer does not even read
        assertEquals(403, auditor("GET", "/signet/api/admin/keys").statusCode());
        assertEquals(403, SignetServer.send("POST", "/signet/api/sign/pdf?seal=demo", AUDITOR, AUDITOR_PASSWORD, "application/pdf",
                TestDocuments.pdf(1, "not the auditor's")).statusCode());
        SignetServer.putUser("signer-1", "signer-password-1", "signer");
        assertEquals(403, SignetServer.send("GET", "/signet/api/admin/audit/verification", "signer-1", "signer-password-1", null, null)
                .statusCode());
    }

    @Test
    @Order(2)
    void changedDeletedAndAddedEventsAndARewrittenChainAreFound() {
        List<Long> signed = sql("SELECT ID FROM SIGNET_AUDIT_EVENT WHERE ACTION_NAME = 'SIGN' ORDER BY ID").lines().map(Long::valueOf).toList();
        long changed = signed.get(0);
        long deleted = signed.get(1);
        sql("UPDATE SIGNET_AUDIT_EVENT SET DETAIL = 'nothing happened' WHERE ID = " + changed);
        assertProblem("event " + changed + " (link ", "was changed or written outside Signet");

        sql("DELETE FROM SIGNET_AUDIT_EVENT WHERE ID = " + deleted);
        assertProblem("event " + deleted + " (link ", "was deleted");

        sql("INSERT INTO SIGNET_AUDIT_EVENT (OCCURRED_AT, ACTOR, ACTION_NAME, OUTCOME, DETAIL) VALUES (CURRENT_TIMESTAMP, 'mallory',"
                + " 'SIGN', 'SUCCESS', 'a signature that never was')");
        long added = Long.parseLong(sql("SELECT MAX(ID) FROM SIGNET_AUDIT_EVENT WHERE ACTOR = 'mallory'").strip());
        assertProblem("event " + added + " ", "written outside Signet");

        long rewritten = Long.parseLong(sql("SELECT MIN(SEQ) FROM SIGNET_AUDIT_CHAIN").strip()) + 1;
        sql("UPDATE SIGNET_AUDIT_CHAIN SET LINK_HASH = '" + "0".repeat(64) + "' WHERE SEQ = " + rewritten);
        assertProblem("link " + rewritten + " does not follow from the link before", "");

        long removedLink = rewritten + 2;
        sql("DELETE FROM SIGNET_AUDIT_CHAIN WHERE SEQ = " + removedLink);
        assertProblem("links " + removedLink + " to " + removedLink + " of the chain are missing", "");

        // The newest events cut off with their links: every link left follows, but the time-stamped head is gone.
        long checkpointed = JsonFields.number(SignetServer.text(auditor("POST", "/signet/api/admin/audit/checkpoints")), "link");
        long cut = checkpointed - 10; // events audited from here on are chained after the cut, well before the checkpoint
        sql("DELETE FROM SIGNET_AUDIT_EVENT WHERE ID IN (SELECT EVENT_ID FROM SIGNET_AUDIT_CHAIN WHERE SEQ > " + cut + ")");
        sql("DELETE FROM SIGNET_AUDIT_CHAIN WHERE SEQ > " + cut);
        assertProblem("before its checkpoint of ", "at link " + checkpointed + ": links were deleted");

        CommandLineIT.Result cli = CommandLineIT.run(dir, CommandLineIT.demo(), "audit", "verify");
        assertEquals(1, cli.exitCode(), cli.stdout() + cli.stderr());
        assertTrue(cli.stdout().startsWith("NOT INTACT"), cli.stdout());
        assertTrue(SignetServer.audited("\"action\":\"AUDIT_CHECKED\"", "problems"), "the failed check is not audited");
    }

    private static void assertProblem(String start, String part) {
        String verification = SignetServer.text(auditor("GET", "/signet/api/admin/audit/verification"));
        assertTrue(verification.contains("\"intact\":false"), verification);
        Predicate<String> named = problem -> problem.contains(start) && problem.contains(part);
        assertTrue(List.of(verification.split("\",\"")).stream().anyMatch(named), "no problem '" + start + "..." + part + "' in " + verification);
        assertFalse(verification.contains("Exception"), verification);
    }

    private static HttpResponse<byte[]> auditor(String method, String path) {
        return SignetServer.send(method, path, AUDITOR, AUDITOR_PASSWORD, null, null);
    }

    private static String sql(String statement) {
        HttpResponse<byte[]> answer = SignetServer.send("POST", "/signet-it-sql/sql", null, null, "text/plain",
                statement.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.statusCode(), statement + ": " + SignetServer.text(answer));
        return SignetServer.text(answer);
    }
}
