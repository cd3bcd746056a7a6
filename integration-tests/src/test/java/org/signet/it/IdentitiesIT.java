package org.signet.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.GroupDescription;
import org.signet.client.soap.admin.SealAccess;
import org.signet.client.soap.admin.SignetFault;
import org.signet.client.soap.admin.UserDescription;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * People, processes and groups, managed over REST, SOAP and the command line: a process gets a password made by Signet,
 * a group carries seal authorisations and roles to its members, and disabling a user, taking it out of a group or
 * withdrawing an authorisation holds from the very next request (on the faces and in the hot folders running as it).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdentitiesIT {

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    @Test
    void aProcessSignsThroughItsGroupUntilItLeavesTheGroupOrIsDisabled() {
        HttpResponse<byte[]> created = SignetServer.admin("PUT", "/signet/api/admin/users/invoicing", "{\"kind\":\"process\"}");
        assertEquals(201, created.statusCode(), SignetServer.text(created));
        String password = JsonFields.text(SignetServer.text(created), "password");
        assertTrue(password.length() >= 32, "a made password has at least 192 bits: " + password);
        assertEquals(400, SignetServer.admin("PUT", "/signet/api/admin/users/somebody", "{\"kind\":\"person\"}").statusCode(),
                "a person needs a password");
        assertEquals(400, SignetServer.admin("PUT", "/signet/api/admin/users/somebody", "{\"kind\":\"robot\",\"password\":\"long-enough-password\"}")
                .statusCode());

        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/invoices", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(400, SignetServer.admin("PUT", "/signet/api/admin/seals/invoices/groups/billing", null).statusCode(), "no such group yet");
        assertEquals(400, SignetServer.admin("PUT", "/signet/api/admin/groups/billing", "{\"members\":[\"invoicing\",\"nobody\"]}").statusCode(),
                "members are existing users");
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/groups/billing", "{\"description\":\"the invoicing systems\","
                + "\"members\":[\"invoicing\"]}").statusCode());
        assertEquals(403, sign("invoicing", password).statusCode(), "not authorised yet");
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/invoices/groups/billing", null).statusCode());
        HttpResponse<byte[]> signed = sign("invoicing", password);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        assertTrue(new String(signed.body(), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));

        String users = SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/users", null));
        assertTrue(users.contains("{\"authenticator\":false,\"directory\":false,\"enabled\":true,\"groups\":[\"billing\"],\"kind\":\"process\","
                + "\"name\":\"invoicing\",\"roles\":[]}"), users);
        assertFalse(users.contains(password) || users.contains("$2a$"), "no password or hash is shown");
        String who = SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/seals/invoices/authorisations", null));
        assertTrue(who.contains("\"groups\":[\"billing\"]") && who.contains("\"secondFactor\":\"none\"") && who.contains("\"clients\":[]"), who);
        HttpResponse<byte[]> enrol = SignetServer.send("POST", "/signet/api/authenticator", "invoicing", password, null, null);
        assertEquals(400, enrol.statusCode(), "a process has no second factor: " + SignetServer.text(enrol));

        // Out of the group: the next request is refused, naming the seal; back in, it signs.
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/groups/billing/members/invoicing", null).statusCode());
        HttpResponse<byte[]> outside = sign("invoicing", password);
        assertEquals(403, outside.statusCode());
        assertTrue(SignetServer.text(outside).contains("not authorised to use seal 'invoices'"), SignetServer.text(outside));
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/groups/billing/members/invoicing", null).statusCode());
        assertEquals(200, sign("invoicing", password).statusCode());

        // Disabled: refused at login from the next request on; enabled again, it signs.
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/invoicing/enabled", "{\"enabled\":false}").statusCode());
        assertEquals(401, sign("invoicing", password).statusCode());
        assertTrue(SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/users", null)).contains("\"enabled\":false,\"groups\":[\"billing\"]"));
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/invoicing/enabled", "{\"enabled\":true}").statusCode());
        assertEquals(200, sign("invoicing", password).statusCode());
        assertEquals(409, SignetServer.admin("PUT", "/signet/api/admin/users/demo/enabled", "{\"enabled\":false}").statusCode(),
                "an admin cannot lock itself out");

        // The group's authorisation withdrawn: refused again.
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/seals/invoices/groups/billing", null).statusCode());
        assertEquals(400, SignetServer.admin("DELETE", "/signet/api/admin/seals/invoices/groups/billing", null).statusCode(), "withdrawn already");
        assertEquals(403, sign("invoicing", password).statusCode());
        assertTrue(SignetServer.audited("\"action\":\"AUTHORISATION_WITHDRAWN\"", "\"seal\":\"invoices\"", "GROUP 'billing'"));
    }

    @Test
    void aGroupsRolesAreItsMembersRolesAndAUserAuthorisationCanBeWithdrawn() {
        SignetServer.putUser("auditor-anna", "anna-password-1", "signer");
        HttpResponse<byte[]> refused = SignetServer.send("GET", "/signet/api/admin/audit/verification", "auditor-anna", "anna-password-1",
                null, null);
        assertEquals(403, refused.statusCode(), SignetServer.text(refused));
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/groups/auditors", "{\"roles\":[\"auditor\"],\"members\":[\"auditor-anna\"]}")
                .statusCode());
        assertEquals(200, SignetServer.send("GET", "/signet/api/admin/audit/verification", "auditor-anna", "anna-password-1", null, null)
                .statusCode(), "the group's role reaches its member");
        assertEquals(403, SignetServer.send("GET", "/signet/api/admin/users", "auditor-anna", "anna-password-1", null, null).statusCode(),
                "an auditor is no admin");
        assertTrue(SignetServer.audited("\"outcome\":\"REFUSED\"", "\"actor\":\"auditor-anna\"", "list the users"));

        // A role authorised for a seal reaches the group's members too; withdrawn, it does not.
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/audit-notes", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/audit-notes/roles/auditor", null).statusCode());
        assertEquals(200, SignetServer.send("POST", "/signet/api/sign/pdf?seal=audit-notes", "auditor-anna", "anna-password-1",
                "application/pdf", TestDocuments.pdf(1, "an auditor's note")).statusCode());
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/seals/audit-notes/roles/auditor", null).statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/audit-notes/users/auditor-anna", null).statusCode());
        assertEquals(200, SignetServer.send("POST", "/signet/api/sign/pdf?seal=audit-notes", "auditor-anna", "anna-password-1",
                "application/pdf", TestDocuments.pdf(1, "an auditor's note")).statusCode());
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/seals/audit-notes/users/auditor-anna", null).statusCode());
        assertEquals(403, SignetServer.send("POST", "/signet/api/sign/pdf?seal=audit-notes", "auditor-anna", "anna-password-1",
                "application/pdf", TestDocuments.pdf(1, "an auditor's note")).statusCode());

        // Deleted: its login fails, its audit events stay; the group forgets it.
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/users/auditor-anna", null).statusCode());
        assertEquals(401, SignetServer.send("GET", "/signet/api/admin/audit/verification", "auditor-anna", "anna-password-1", null, null)
                .statusCode());
        String groups = SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/groups", null));
        assertTrue(groups.contains("{\"members\":[],\"name\":\"auditors\",\"roles\":[\"auditor\"]}"), groups);
        assertTrue(SignetServer.audited("\"actor\":\"auditor-anna\"", "\"action\":\"SIGN\""), "the deleted user's events are gone");
        assertEquals(409, SignetServer.admin("DELETE", "/signet/api/admin/users/demo", null).statusCode(), "an admin cannot delete itself");
    }

    /**
     * A hot folder runs as its user without logging in: disabling the user stops it; deleting it waits for the folder.
     * The failed batch, approved again once its seal requires a second factor, waits for a person's confirmation.
     */
    @Test
    void aHotFolderRunningAsADisabledUserSignsNothing() throws Exception {
        SignetServer.putUser("scanner", "scanner-password", "signer");
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/scanner-seal", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/scanner-seal/users/scanner", null).statusCode());
        // folders of this run's own: the run on the next database must not find these files
        Path base = Path.of(System.getProperty("signet.it.dir"), "identities-hotfolder-" + System.nanoTime());
        HttpResponse<byte[]> folder = SignetServer.admin("PUT", "/signet/api/admin/hotfolders/scans-as-scanner", "{\"root\":\"" + base.resolve("in")
                + "\",\"out\":\"" + base.resolve("out") + "\",\"error\":\"" + base.resolve("err")
                + "\",\"format\":\"pades\",\"seal\":\"scanner-seal\",\"runAs\":\"scanner\"}");
        assertEquals(200, folder.statusCode(), SignetServer.text(folder));
        HttpResponse<byte[]> delete = SignetServer.admin("DELETE", "/signet/api/admin/users/scanner", null);
        assertEquals(409, delete.statusCode());
        assertTrue(SignetServer.text(delete).contains("scans-as-scanner"), SignetServer.text(delete));

        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/scanner/enabled", "{\"enabled\":false}").statusCode());
        Path batch = Files.createDirectories(base.resolve("in/night-1"));
        Files.write(batch.resolve("scan.pdf"), TestDocuments.pdf(1, "scanned while its user is disabled"));
        Files.writeString(batch.resolve("APPROVED"), "");
        Path out = base.resolve("out/night-1");
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!Files.exists(out.resolve("READY")) && !Files.exists(out.resolve("FAILED")) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertFalse(Files.exists(out.resolve("scan.pdf")), "signed for a disabled user");
        String report = Files.exists(out.resolve("report.csv")) ? Files.readString(out.resolve("report.csv")) : "";
        String failed = Files.exists(out.resolve("FAILED")) ? Files.readString(out.resolve("FAILED")) : "";
        assertTrue((report + failed).contains("user 'scanner' is disabled"), "report: " + report + " FAILED: " + failed);

        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/scanner/enabled", "{\"enabled\":true}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/scanner-seal/second-factor", "{\"secondFactor\":\"totp\"}").statusCode());
        Thread.sleep(1100); // the approval file's time must follow the failure's
        Files.writeString(batch.resolve("APPROVED"), "again");
        String batches = "";
        deadline = System.nanoTime() + 60_000_000_000L;
        while (!batches.matches("(?s).*\"name\":\"night-1\"[^}]*\"state\":\"UNCONFIRMED\".*") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            batches = SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/batches", null));
        }
        assertTrue(batches.matches("(?s).*\"name\":\"night-1\"[^}]*\"state\":\"UNCONFIRMED\".*"), batches);
        assertFalse(Files.exists(out.resolve("scan.pdf")), "signed without a confirmation");
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/hotfolders/scans-as-scanner", null).statusCode());
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/users/scanner", null).statusCode());
    }

    private static List<String> role(Administration soap, String user) throws Exception {
        return soap.listUsers().stream().filter(u -> u.getName().equals(user)).findFirst().orElseThrow().getRole();
    }

    @Test
    void soapAndTheCommandLineManageTheSame() throws Exception {
        Administration soap = SignetServer.demoAdministration();
        String made = soap.putUser("scheduler", null, List.of("signer"), "process", false, null);
        assertTrue(made != null && made.length() >= 32, String.valueOf(made));
        assertEquals(null, soap.putUser("clerk-soap", "clerk-soap-password", List.of("signer"), null, false, null));
        soap.putUser("clerk-soap", null, List.of(), null, false, null);
        assertEquals(List.of("signer"), role(soap, "clerk-soap"), "no roles given and none replaced: the roles stay");
        soap.putUser("clerk-soap", null, List.of(), null, true, null);
        assertEquals(List.of(), role(soap, "clerk-soap"), "replaced by none: a user's last role can be taken over SOAP");
        soap.putUser("clerk-soap", null, List.of("signer"), null, true, null);
        GroupDescription group = new GroupDescription();
        group.setName("night-shift");
        group.getMember().addAll(List.of("scheduler", "clerk-soap"));
        soap.putGroup(group);
        soap.authoriseGroup("demo", "night-shift");
        SealAccess given = soap.sealAuthorisations("demo");
        assertTrue(given.getGroup().contains("night-shift") && given.getUser().contains("demo"), given.getGroup() + " " + given.getUser());
        UserDescription scheduler = soap.listUsers().stream().filter(u -> u.getName().equals("scheduler")).findFirst().orElseThrow();
        assertEquals("process", scheduler.getKind());
        assertEquals(List.of("night-shift"), scheduler.getGroup());
        SignetFault unknown = assertThrows(SignetFault.class, () -> soap.addGroupMember("night-shift", "nobody"));
        assertEquals("INVALID_INPUT", unknown.getFaultInfo().getCode());
        SignetFault notAdmin = assertThrows(SignetFault.class, () -> SignetServer.administration("clerk-soap", "clerk-soap-password").listUsers());
        assertEquals("NOT_AUTHORISED", notAdmin.getFaultInfo().getCode());

        Map<String, String> env = Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER", SignetServer.DEMO_USER,
                "SIGNET_PASSWORD", SignetServer.demoPassword());
        CommandLineIT.Result add = CommandLineIT.run(dir, env, "users", "add", "--name", "archiver", "--kind", "process", "--roles", "signer");
        assertEquals(0, add.exitCode(), add.stdout() + add.stderr());
        assertTrue(add.stdout().matches("(?s)process archiver created; its password, shown this once: [A-Za-z0-9_-]{32}\\s*"), add.stdout());
        Path secret = Files.writeString(dir.resolve("clerk.password"), "clerk-cli-password\n");
        CommandLineIT.Result person = CommandLineIT.run(dir, env, "users", "add", "--name", "clerk-cli", "--password-file", secret.toString());
        assertEquals(0, person.exitCode(), person.stdout() + person.stderr());
        CommandLineIT.Result groups = CommandLineIT.run(dir, env, "groups", "put", "--name", "archivists", "--members", "archiver,clerk-cli");
        assertEquals(0, groups.exitCode(), groups.stdout() + groups.stderr());
        CommandLineIT.Result authorise = CommandLineIT.run(dir, env, "seals", "authorise", "--seal", "demo", "--group", "archivists");
        assertEquals(0, authorise.exitCode(), authorise.stdout() + authorise.stderr());
        CommandLineIT.Result who = CommandLineIT.run(dir, env, "seals", "who", "--seal", "demo");
        assertEquals(0, who.exitCode(), who.stdout() + who.stderr());
        assertTrue(who.stdout().contains("archivists") && who.stdout().contains("second factor none"), who.stdout());

        Map<String, String> asClerk = Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER", "clerk-cli",
                "SIGNET_PASSWORD", "clerk-cli-password");
        assertEquals(0, CommandLineIT.run(dir, asClerk, "seals").exitCode());
        assertTrue(CommandLineIT.run(dir, asClerk, "seals").stdout().startsWith("demo "));
        CommandLineIT.Result disable = CommandLineIT.run(dir, env, "users", "disable", "--name", "clerk-cli");
        assertEquals(0, disable.exitCode(), disable.stdout() + disable.stderr());
        assertEquals(3, CommandLineIT.run(dir, asClerk, "seals").exitCode(), "a disabled user is refused");
        CommandLineIT.Result list = CommandLineIT.run(dir, env, "users", "list");
        assertTrue(list.stdout().lines().anyMatch(l -> l.startsWith("clerk-cli  person  DISABLED  roles []  groups [archivists]")), list.stdout());
        assertTrue(list.stdout().lines().anyMatch(l -> l.startsWith("archiver  process  roles [signer]")), list.stdout());
        assertEquals(0, CommandLineIT.run(dir, env, "users", "set", "--name", "archiver", "--roles", "").exitCode());
        assertTrue(CommandLineIT.run(dir, env, "users", "list").stdout().lines().anyMatch(l -> l.startsWith("archiver  process  roles []")),
                "--roles \"\" takes the last role");
        CommandLineIT.Result refused = CommandLineIT.run(dir, env, "seals", "withdraw", "--seal", "demo", "--group", "nobody-here");
        assertEquals(3, refused.exitCode(), refused.stdout() + refused.stderr());
        assertEquals(2, CommandLineIT.run(dir, env, "users", "add").exitCode(), "--name is required");
    }

    /**
     * A personal certificate: issued by Signet's CA to one person, used by that person alone (pdfsig names the signer),
     * revoked (on the CRL, as openssl reads it) when the person is disabled, and issued anew afterwards.
     */
    @Test
    void aPersonSignsWithItsPersonalCertificateUntilDisabled() throws Exception {
        SignetServer.putUser("alice-person", "alice-password-1", "signer");
        SignetServer.putUser("bob-person", "bob-password-1", "signer");
        HttpResponse<byte[]> issued = SignetServer.admin("POST", "/signet/api/admin/users/alice-person/certificate",
                "{\"subject\":\"CN=Alice Example,O=Signet Test,C=DE\"}");
        assertEquals(201, issued.statusCode(), SignetServer.text(issued));
        assertTrue(SignetServer.text(issued).contains("\"seal\":\"person.alice-person\""), SignetServer.text(issued));
        String serial = JsonFields.text(SignetServer.text(issued), "serialNumber");
        assertTrue(SignetServer.text(SignetServer.send("GET", "/signet/api/seals", "alice-person", "alice-password-1", null, null))
                .contains("\"name\":\"person.alice-person\""));

        HttpResponse<byte[]> signed = signAs("alice-person", "alice-password-1");
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(Files.write(dir.resolve("alice.pdf"), signed.body()));
        assertTrue(pdfsig.output().contains("Signature is Valid.") && pdfsig.output().contains("Alice Example"), pdfsig.output());

        assertEquals(403, signAs("bob-person", "bob-password-1").statusCode(), "another person's key");
        HttpResponse<byte[]> lend = SignetServer.admin("PUT", "/signet/api/admin/seals/person.alice-person/users/bob-person", null);
        assertEquals(400, lend.statusCode());
        assertTrue(SignetServer.text(lend).contains("personal certificate of 'alice-person'"), SignetServer.text(lend));
        Path base = Path.of(System.getProperty("signet.it.dir"), "personal-hotfolder-" + System.nanoTime());
        HttpResponse<byte[]> folder = SignetServer.admin("PUT", "/signet/api/admin/hotfolders/alice-unattended", "{\"root\":\"" + base.resolve("in")
                + "\",\"out\":\"" + base.resolve("out") + "\",\"error\":\"" + base.resolve("err")
                + "\",\"format\":\"pades\",\"seal\":\"person.alice-person\",\"runAs\":\"alice-person\"}");
        assertEquals(400, folder.statusCode(), SignetServer.text(folder));
        SignetServer.admin("PUT", "/signet/api/admin/users/a-process", "{\"kind\":\"process\"}");
        assertEquals(400, SignetServer.admin("POST", "/signet/api/admin/users/a-process/certificate", "{}").statusCode(), "a process gets none");

        // Disabled: the certificate is on the CRL at once; enabled again, the old key signs nothing until one is issued anew.
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/alice-person/enabled", "{\"enabled\":false}").statusCode());
        String crl = OutsideVerifiers.run(List.of("openssl", "crl", "-inform", "DER", "-in",
                Files.write(dir.resolve("ca.crl"), SignetServer.publishedCrl()).toString(), "-noout", "-text")).output();
        assertTrue(crl.lines().map(String::strip).filter(l -> l.startsWith("Serial Number: "))
                .anyMatch(l -> new BigInteger(l.substring("Serial Number: ".length()), 16).equals(new BigInteger(serial, 16))), crl);
        assertTrue(crl.contains("Affiliation Changed"), crl);
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/alice-person/enabled", "{\"enabled\":true}").statusCode());
        HttpResponse<byte[]> revoked = signAs("alice-person", "alice-password-1");
        assertEquals(503, revoked.statusCode());
        assertTrue(SignetServer.text(revoked).contains("has been revoked"), SignetServer.text(revoked));
        HttpResponse<byte[]> again = SignetServer.admin("POST", "/signet/api/admin/users/alice-person/certificate", "{}");
        assertEquals(201, again.statusCode(), SignetServer.text(again));
        assertFalse(SignetServer.text(again).contains(serial), "a new certificate");
        assertEquals(200, signAs("alice-person", "alice-password-1").statusCode());
    }

    private static HttpResponse<byte[]> signAs(String user, String password) {
        return SignetServer.send("POST", "/signet/api/sign/pdf?seal=person.alice-person", user, password, "application/pdf",
                TestDocuments.pdf(1, "signed by a person"));
    }

    private static HttpResponse<byte[]> sign(String user, String password) {
        return SignetServer.send("POST", "/signet/api/sign/pdf?seal=invoices", user, password, "application/pdf",
                TestDocuments.pdf(1, "an invoice"));
    }
}
