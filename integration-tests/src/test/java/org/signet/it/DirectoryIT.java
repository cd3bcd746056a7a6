package org.signet.it;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signet.client.soap.PdfSignRequest;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * People of the organisation's directory (a real LDAP server: UnboundID's in-memory directory on 127.0.0.1:8195, the
 * server's {@code signet.ldap.*}) log in with their directory password on REST and SOAP; a Signet group that mirrors a
 * directory group gives them its roles and seals; what the directory changes (membership, password) holds from the next
 * request, Signet's own disabling holds whatever the directory says, and the directory never takes over a name Signet
 * keeps a password for.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DirectoryIT {

    private static final String PEOPLE = "ou=people,dc=example,dc=org";
    private static final String ALICE = "uid=dir-alice," + PEOPLE;
    private static final String SEALERS = "cn=sealers,ou=groups,dc=example,dc=org";
    private static InMemoryDirectoryServer directory;

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void startTheDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
        config.setSchema(null); // memberOf as the LDIF gives it, as Active Directory or slapd's memberof overlay keep it
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 8195, null));
        directory = new InMemoryDirectoryServer(config);
        directory.importFromLDIF(true, Path.of(DirectoryIT.class.getResource("/directory.ldif").toURI()).toFile());
        directory.startListening();
        // the bind DN's password, kept where docs/authentication.md tells an admin to keep it
        Path cli = Path.of(System.getProperty("jboss.home"), "bin", "jboss-cli.sh");
        OutsideVerifiers.run(List.of(cli.toString(), "--connect", "--controller=localhost:10090",
                "--command=/subsystem=elytron/credential-store=signet:remove-alias(alias=signet-ldap-bind)"));
        OutsideVerifiers.Run added = OutsideVerifiers.run(List.of(cli.toString(), "--connect", "--controller=localhost:10090",
                "--command=/subsystem=elytron/credential-store=signet:add-alias(alias=signet-ldap-bind, secret-value=signet-bind-password-1)"));
        assertEquals(0, added.exitCode(), added.output());
    }

    @AfterAll
    static void stopTheDirectory() {
        directory.shutDown(true);
    }

    @Test
    void directoryPeopleSealAsTheirMirroredGroupsAllowAndTheDirectoryDecidesAtEachRequest() throws Exception {
        assertEquals(401, sign("dir-alice", "wrong-password").statusCode());
        assertFalse(users().contains("dir-alice"), "a refused name is not entered");
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/directory-notes", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}")
                .statusCode());
        HttpResponse<byte[]> unmirrored = sign("dir-alice", "alice-directory-1");
        assertEquals(403, unmirrored.statusCode(), "a person of the directory is no signer of any seal by itself: " + SignetServer.text(unmirrored));
        assertTrue(users().contains("{\"authenticator\":false,\"directory\":true,\"email\":\"alice@example.org\",\"enabled\":true,"
                + "\"fullName\":\"Alice Directory\",\"groups\":[],\"kind\":\"person\",\"name\":\"dir-alice\",\"roles\":[]}"), users());

        // The admin mirrors the directory group on the command line (the name compares as a DN: case and spaces aside).
        Map<String, String> admin = Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER", SignetServer.DEMO_USER,
                "SIGNET_PASSWORD", SignetServer.demoPassword());
        CommandLineIT.Result put = CommandLineIT.run(dir, admin, "groups", "put", "--name", "sealers", "--roles", "signer",
                "--directory-group", "CN=Sealers, OU=Groups, DC=Example, DC=Org");
        assertEquals(0, put.exitCode(), put.stdout() + put.stderr());
        assertEquals(0, CommandLineIT.run(dir, admin, "seals", "authorise", "--seal", "directory-notes", "--group", "sealers").exitCode());
        assertTrue(CommandLineIT.run(dir, admin, "groups", "list").stdout().lines()
                .anyMatch(l -> l.startsWith("sealers  members []  roles [signer]  mirrors CN=Sealers, OU=Groups, DC=Example, DC=Org")));
        HttpResponse<byte[]> notADn = SignetServer.admin("PUT", "/signet/api/admin/groups/sealers", "{\"directoryGroup\":\"sealers\"}");
        assertEquals(400, notADn.statusCode());
        assertTrue(SignetServer.text(notADn).contains("not a distinguished name"), SignetServer.text(notADn));

        HttpResponse<byte[]> signed = sign("dir-alice", "alice-directory-1");
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "alice.pdf", signed.body()));
        assertTrue(pdfsig.output().contains("Signature is Valid"), pdfsig.output());
        assertTrue(SignetServer.audited("\"actor\":\"dir-alice\"", "\"seal\":\"directory-notes\"", "\"outcome\":\"SUCCESS\""));
        assertTrue(users().contains("\"fullName\":\"Alice Directory\",\"groups\":[\"sealers\"],\"kind\":\"person\",\"name\":\"dir-alice\""), users());
        PdfSignRequest request = new PdfSignRequest();
        request.setSeal("directory-notes");
        request.setDocument(new DataHandler(new ByteArrayDataSource(TestDocuments.pdf(1, "over SOAP"), "application/pdf")));
        assertTrue(SignetServer.soap("dir-alice", "alice-directory-1").signPdf(request).getDocument().getInputStream().readAllBytes().length > 0);
        assertEquals(403, sign("dir-bob", "bob-directory-1").statusCode(), "not in the mirrored group");

        // Their personal certificates carry the full names the directory gave (a comma in a name stays one name).
        HttpResponse<byte[]> alicesCertificate = SignetServer.admin("POST", "/signet/api/admin/users/dir-alice/certificate", "{}");
        assertEquals(201, alicesCertificate.statusCode(), SignetServer.text(alicesCertificate));
        assertTrue(JsonFields.text(SignetServer.text(alicesCertificate), "subject").endsWith(",CN=Alice Directory"),
                SignetServer.text(alicesCertificate));
        HttpResponse<byte[]> bobsCertificate = SignetServer.admin("POST", "/signet/api/admin/users/dir-bob/certificate", "{}");
        assertEquals(201, bobsCertificate.statusCode(), SignetServer.text(bobsCertificate));
        // RFC 2253 escapes the comma with a backslash, which JSON writes as two
        assertTrue(JsonFields.text(SignetServer.text(bobsCertificate), "subject").endsWith(",CN=Directory\\\\, Bob"),
                SignetServer.text(bobsCertificate));

        // Out of the directory group: refused at the next request; back in: signs.
        directory.modify(ALICE, new Modification(ModificationType.DELETE, "memberOf"));
        HttpResponse<byte[]> left = sign("dir-alice", "alice-directory-1");
        assertEquals(403, left.statusCode());
        assertTrue(SignetServer.text(left).contains("not authorised to use seal 'directory-notes'"), SignetServer.text(left));
        directory.modify(ALICE, new Modification(ModificationType.ADD, "memberOf", SEALERS));
        assertEquals(200, sign("dir-alice", "alice-directory-1").statusCode());

        // A new password in the directory: the old one is refused at once.
        directory.modify(ALICE, new Modification(ModificationType.REPLACE, "userPassword", "alice-directory-2"));
        assertEquals(401, sign("dir-alice", "alice-directory-1").statusCode());
        assertEquals(200, sign("dir-alice", "alice-directory-2").statusCode());

        // Disabled in Signet: refused whatever the directory says.
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/dir-alice/enabled", "{\"enabled\":false}").statusCode());
        assertEquals(401, sign("dir-alice", "alice-directory-2").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/dir-alice/enabled", "{\"enabled\":true}").statusCode());
        assertEquals(200, sign("dir-alice", "alice-directory-2").statusCode());

        // The directory's "demo" does not log in as Signet's demo; names that are filters are not asked.
        assertEquals(401, SignetServer.send("GET", "/signet/api/seals", "demo", "demo-directory-1", null, null).statusCode());
        assertEquals(401, sign("*", "alice-directory-2").statusCode());
        assertEquals(401, sign("dir-alice)(uid=*", "alice-directory-2").statusCode());
        assertFalse(users().contains("\"name\":\"*\""));

        // What the admin sees of the directory: it answers; two people entered (alice and bob); mirroring groups (other
        // tests may have made some too).
        String state = SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/directory", null));
        assertTrue(state.matches("\\{\"answering\":true,\"mirroringGroups\":[1-9]\\d*,\"people\":2,\"url\":\"ldap://127.0.0.1:8195\","
                + "\"userBase\":\"ou=people,dc=example,dc=org\"}"), state);
        CommandLineIT.Result shown = CommandLineIT.run(dir, admin, "users", "directory");
        assertTrue(shown.stdout().matches("directory ldap://127.0.0.1:8195  people under ou=people,dc=example,dc=org  answers\n"
                + "2 people entered from it, [1-9]\\d* groups mirror its groups\n"), shown.stdout() + shown.stderr());
        assertTrue(CommandLineIT.run(dir, admin, "users", "list").stdout().lines()
                .anyMatch(l -> l.startsWith("dir-alice  person  from the directory  full name \"Alice Directory\"  roles []  groups [sealers]")));

        // The directory gone: its people are refused, Signet's own are not, and the admin sees why.
        directory.shutDown(true);
        assertEquals(401, sign("dir-alice", "alice-directory-2").statusCode());
        assertEquals(200, SignetServer.send("GET", "/signet/api/seals", SignetServer.DEMO_USER, SignetServer.demoPassword(), null, null)
                .statusCode());
        String silent = SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/directory", null));
        assertTrue(silent.matches("\\{\"answering\":false,\"mirroringGroups\":\\d+,\"people\":2,\"problem\":\"ConnectException.*"), silent);
    }

    private static String users() {
        return SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/users", null));
    }

    private static HttpResponse<byte[]> sign(String user, String password) {
        return SignetServer.send("POST", "/signet/api/sign/pdf?seal=directory-notes", user, password, "application/pdf",
                TestDocuments.pdf(1, "a note of " + user));
    }
}
