package org.signet.it;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signet.client.soap.PdfSignRequest;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.Signing;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seal's conditions beyond authorisation. A seal that requires a second factor signs only for a caller whose request
 * carries a fresh one-time code from an enrolled authenticator (codes computed by Debian's oathtool, RFC 6238; each
 * accepted once, recovery codes once each); a seal bound to computers signs only for requests from them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SealConditionsIT {

    private static final String CLERK = "clerk-2fa";
    private static final String PASSWORD = "clerk-password-2fa";

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    @Test
    void aSealThatRequiresTotpSignsOnlyWithTheCallersFreshCode() throws Exception {
        SignetServer.putUser(CLERK, PASSWORD, "signer");
        assertEquals(201, admin("PUT", "/signet/api/admin/seals/qualified", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, admin("PUT", "/signet/api/admin/seals/qualified/users/" + CLERK, null).statusCode());
        assertEquals(204, admin("PUT", "/signet/api/admin/seals/qualified/second-factor", "{\"secondFactor\":\"totp\"}").statusCode());
        assertEquals(400, admin("PUT", "/signet/api/admin/seals/qualified/second-factor", "{\"secondFactor\":\"sms\"}").statusCode());

        assertRefused(sign(null), "none came");
        assertRefused(sign("123456"), "has no confirmed authenticator");

        HttpResponse<byte[]> enrolled = clerk("POST", "/signet/api/authenticator", null, null);
        assertEquals(200, enrolled.statusCode(), SignetServer.text(enrolled));
        String secret = JsonFields.text(SignetServer.text(enrolled), "secret");
        assertTrue(SignetServer.text(enrolled).contains("\"otpauthUri\":\"otpauth://totp/Signet%3A" + CLERK + "?secret=" + secret),
                SignetServer.text(enrolled));
        List<String> recovery = recoveryCodes(SignetServer.text(enrolled));
        assertEquals(10, recovery.size(), SignetServer.text(enrolled));

        assertEquals(400, clerk("POST", "/signet/api/authenticator/confirmation", "application/json", "{\"code\":\"000000\"}").statusCode());
        assertEquals(204, clerk("POST", "/signet/api/authenticator/confirmation", "application/json",
                "{\"code\":\"" + oathtool(secret, "now") + "\"}").statusCode());
        assertEquals(409, clerk("POST", "/signet/api/authenticator", null, null).statusCode(), "a confirmed authenticator is replaced");

        // The next step's code (the window allows one step either way) signs once; replayed, it is refused.
        String code = oathtool(secret, "now + 30 seconds");
        HttpResponse<byte[]> signed = sign(code);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        assertTrue(new String(signed.body(), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
        assertRefused(sign(code), "was used already");
        assertRefused(sign(oathtool(secret, "now + 5 minutes")), "does not match");
        assertTrue(SignetServer.audited("\"outcome\":\"REFUSED\"", "\"seal\":\"qualified\"", "one-time code"), "a refusal is not audited");

        // A recovery code works once, over SOAP and the command line alike.
        Signing soap = SignetServer.soap(CLERK, PASSWORD);
        PdfSignRequest request = new PdfSignRequest();
        request.setSeal("qualified");
        request.setDocument(new DataHandler(new ByteArrayDataSource(TestDocuments.pdf(1, "over SOAP"), "application/pdf")));
        request.setOneTimeCode(recovery.get(0));
        assertTrue(soap.signPdf(request).getDocument().getInputStream().readAllBytes().length > 0);
        request.setDocument(new DataHandler(new ByteArrayDataSource(TestDocuments.pdf(1, "over SOAP"), "application/pdf")));
        SignetFault again = assertThrows(SignetFault.class, () -> soap.signPdf(request));
        assertEquals("SECOND_FACTOR_REQUIRED", again.getFaultInfo().getCode());

        Path in = Files.write(dir.resolve("contract.pdf"), TestDocuments.pdf(1, "by the command line"));
        CommandLineIT.Result cli = CommandLineIT.run(dir, Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER", CLERK,
                "SIGNET_PASSWORD", PASSWORD), "sign", "--seal", "qualified", "--in", in.toString(), "--otp", recovery.get(1));
        assertEquals(0, cli.exitCode(), cli.stdout() + cli.stderr());

        // A hot folder signs unattended: it cannot use such a seal, even for a user authorised for it.
        assertEquals(204, admin("PUT", "/signet/api/admin/seals/qualified/users/demo", null).statusCode());
        Path base = Path.of(System.getProperty("signet.it.dir"), "second-factor-folder");
        HttpResponse<byte[]> folder = admin("PUT", "/signet/api/admin/hotfolders/unattended", "{\"root\":\"" + base.resolve("in")
                + "\",\"out\":\"" + base.resolve("out") + "\",\"error\":\"" + base.resolve("err") + "\",\"format\":\"pades\",\"seal\":\"qualified\"}");
        assertEquals(400, folder.statusCode(), SignetServer.text(folder));
        assertTrue(SignetServer.text(folder).contains("signs unattended"), SignetServer.text(folder));

        // A lost device: an admin resets it, and the recovery codes go with it.
        assertEquals(204, admin("DELETE", "/signet/api/admin/users/" + CLERK + "/authenticator", null).statusCode());
        assertRefused(sign(recovery.get(2)), "has no confirmed authenticator");
    }

    /**
     * "Only with a specific computer": requests from 127.0.0.4 are refused, naming why; from 127.0.0.1 they sign.
     * (127.0.0.4, not .2: RefusalsIT locks .2 out with failed logins, and the lock outlasts a test class.)
     */
    @Test
    void aSealBoundToComputersSignsOnlyForRequestsFromThem() throws Exception {
        assertEquals(201, admin("PUT", "/signet/api/admin/seals/front-desk", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, admin("PUT", "/signet/api/admin/seals/front-desk/users/demo", null).statusCode());
        HttpResponse<byte[]> named = admin("PUT", "/signet/api/admin/seals/front-desk/clients", "{\"clients\":[\"desk.example.org\"]}");
        assertEquals(400, named.statusCode(), SignetServer.text(named));
        assertTrue(SignetServer.text(named).contains("names are not accepted"), SignetServer.text(named));
        assertEquals(204, admin("PUT", "/signet/api/admin/seals/front-desk/clients", "{\"clients\":[\"127.0.0.1\",\"192.0.2.0/24\"]}")
                .statusCode());

        byte[] pdf = TestDocuments.pdf(1, "at the front desk");
        assertEquals(200, SignetServer.demoPost("/signet/api/sign/pdf?seal=front-desk", "application/pdf", pdf).statusCode());
        SignetServer.Answer elsewhere = SignetServer.sendFrom(InetAddress.getByName("127.0.0.4"), "POST", "/signet/api/sign/pdf?seal=front-desk",
                SignetServer.DEMO_USER, SignetServer.demoPassword(), "application/pdf", pdf);
        assertEquals(403, elsewhere.status(), elsewhere.body());
        assertTrue(elsewhere.body().contains("signs only for requests from 127.0.0.1, 192.0.2.0/24; this one came from 127.0.0.4"),
                elsewhere.body());
        assertTrue(SignetServer.audited("\"outcome\":\"REFUSED\"", "\"seal\":\"front-desk\"", "came from 127.0.0.4"));
        SignetServer.Answer demoSeal = SignetServer.sendFrom(InetAddress.getByName("127.0.0.4"), "POST", "/signet/api/sign/pdf?seal=demo",
                SignetServer.DEMO_USER, SignetServer.demoPassword(), "application/pdf", pdf);
        assertEquals(200, demoSeal.status(), "a seal without the condition signs from anywhere");

        assertEquals(204, admin("PUT", "/signet/api/admin/seals/front-desk/clients", "{\"clients\":[]}").statusCode());
        assertEquals(200, SignetServer.sendFrom(InetAddress.getByName("127.0.0.4"), "POST", "/signet/api/sign/pdf?seal=front-desk",
                SignetServer.DEMO_USER, SignetServer.demoPassword(), "application/pdf", pdf).status(), "the condition lifted");
    }

    /** Hours that exclude now refuse, naming the hours and the local time; hours that include it sign; {} lifts them. */
    @Test
    void aSealBoundToHoursSignsOnlyThen() {
        assertEquals(201, admin("PUT", "/signet/api/admin/seals/office-hours", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, admin("PUT", "/signet/api/admin/seals/office-hours/users/demo", null).statusCode());
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Pacific/Auckland"));
        String day = now.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        String tomorrow = now.getDayOfWeek().plus(1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        String elsewhen = now.getDayOfWeek().plus(3).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        byte[] pdf = TestDocuments.pdf(1, "in office hours");
        assertEquals(400, admin("PUT", "/signet/api/admin/seals/office-hours/hours", "{\"hours\":\"weekdays\",\"zone\":\"UTC\"}").statusCode());

        assertEquals(204, admin("PUT", "/signet/api/admin/seals/office-hours/hours", "{\"hours\":\"" + elsewhen
                + " 00:00-24:00\",\"zone\":\"Pacific/Auckland\"}").statusCode());
        HttpResponse<byte[]> closed = SignetServer.demoPost("/signet/api/sign/pdf?seal=office-hours", "application/pdf", pdf);
        assertEquals(403, closed.statusCode(), SignetServer.text(closed));
        assertTrue(SignetServer.text(closed).contains("signs only " + elsewhen + " 00:00-24:00 (Pacific/Auckland); it is "),
                SignetServer.text(closed));

        // today and tomorrow there, so that a midnight between here and the server cannot fail the test
        assertEquals(204, admin("PUT", "/signet/api/admin/seals/office-hours/hours", "{\"hours\":\"" + day + "-" + tomorrow
                + " 00:00-24:00\",\"zone\":\"Pacific/Auckland\"}").statusCode());
        assertEquals(200, SignetServer.demoPost("/signet/api/sign/pdf?seal=office-hours", "application/pdf", pdf).statusCode());
        assertEquals(204, admin("PUT", "/signet/api/admin/seals/office-hours/hours", "{}").statusCode());
        assertEquals(200, SignetServer.demoPost("/signet/api/sign/pdf?seal=office-hours", "application/pdf", pdf).statusCode());
    }

    private static String oathtool(String secret, String when) {
        OutsideVerifiers.Run run = OutsideVerifiers.run(List.of("oathtool", "--totp", "-b", "-N", when, secret));
        assertEquals(0, run.exitCode(), run.output());
        return run.output().strip();
    }

    private static List<String> recoveryCodes(String json) {
        Matcher codes = Pattern.compile("\"([A-Z2-7]{5}-[A-Z2-7]{5})\"").matcher(json);
        List<String> found = new ArrayList<>();
        while (codes.find()) {
            found.add(codes.group(1));
        }
        return found;
    }

    private static HttpResponse<byte[]> sign(String code) {
        return SignetServer.send("POST", "/signet/api/sign/pdf?seal=qualified", CLERK, PASSWORD, "application/pdf",
                TestDocuments.pdf(1, "needs a second factor"), code == null ? Map.of() : Map.of("X-Signet-One-Time-Code", code));
    }

    private static void assertRefused(HttpResponse<byte[]> response, String part) {
        String body = SignetServer.text(response);
        assertEquals(403, response.statusCode(), body);
        assertTrue(body.contains("\"error\":\"SECOND_FACTOR_REQUIRED\"") && body.contains(part), "expected '" + part + "' in " + body);
    }

    private static HttpResponse<byte[]> clerk(String method, String path, String type, String body) {
        return SignetServer.send(method, path, CLERK, PASSWORD, type, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> admin(String method, String path, String json) {
        return SignetServer.send(method, path, SignetServer.DEMO_USER, SignetServer.demoPassword(), json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }
}
