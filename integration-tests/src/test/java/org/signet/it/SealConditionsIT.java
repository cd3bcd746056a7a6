package org.signet.it;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
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
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/qualified", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/qualified/users/" + CLERK, null).statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/qualified/second-factor", "{\"secondFactor\":\"totp\"}").statusCode());
        assertEquals(400, SignetServer.admin("PUT", "/signet/api/admin/seals/qualified/second-factor", "{\"secondFactor\":\"sms\"}").statusCode());

        String seals = SignetServer.text(clerk("GET", "/signet/api/seals", null, null));
        assertTrue(seals.contains("\"name\":\"qualified\"") && seals.contains("\"secondFactor\":\"totp\""), "the caller learns of the condition: " + seals);
        assertRefused(sign(null), "none came");
        assertRefused(sign("123456"), "has no confirmed authenticator");

        HttpResponse<byte[]> enrolled = clerk("POST", "/signet/api/authenticator", null, null);
        assertEquals(200, enrolled.statusCode(), SignetServer.text(enrolled));
        String secret = JsonFields.text(SignetServer.text(enrolled), "secret");
        assertTrue(SignetServer.text(enrolled).contains("\"otpauthUri\":\"otpauth://totp/Signet%3A" + CLERK + "?secret=" + secret),
                SignetServer.text(enrolled));
        assertEquals(JsonFields.text(SignetServer.text(enrolled), "otpauthUri"),
                qrText(Base64.getDecoder().decode(JsonFields.text(SignetServer.text(enrolled), "qrCodePng"))), "the QR code holds the URI");
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

        // A lost device: an admin resets it, and the recovery codes go with it.
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/users/" + CLERK + "/authenticator", null).statusCode());
        assertRefused(sign(recovery.get(2)), "has no confirmed authenticator");
    }

    /**
     * A hot folder has no code to give: a batch of a seal that requires one waits, unsigned, until a person authorised
     * for the seal confirms it with a code of its own authenticator (over the command line here); one code, one batch.
     */
    @Test
    void aBatchOfASealThatRequiresTotpWaitsForAPersonsConfirmation() throws Exception {
        SignetServer.putUser("approver", "approver-password", "signer");
        SignetServer.putUser("bystander", "bystander-password", "signer");
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/qualified-batches", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/qualified-batches/users/approver", null).statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/qualified-batches/users/demo", null).statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/qualified-batches/second-factor", "{\"secondFactor\":\"totp\"}").statusCode());
        Path dir = Files.createTempDirectory(this.dir, "approver");
        Map<String, String> approver = Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER", "approver",
                "SIGNET_PASSWORD", "approver-password");
        CommandLineIT.Result enrolled = CommandLineIT.run(dir, approver, "authenticator", "enrol", "--qr", "authenticator.png");
        assertEquals(0, enrolled.exitCode(), enrolled.stdout() + enrolled.stderr());
        Matcher printed = Pattern.compile("(?m)^secret ([A-Z2-7]+)$\\R^uri (otpauth://\\S+)$").matcher(enrolled.stdout());
        assertTrue(printed.find(), enrolled.stdout());
        String secret = printed.group(1);
        assertEquals(printed.group(2), qrText(Files.readAllBytes(dir.resolve("authenticator.png"))), "the QR code holds the URI");
        assertEquals(204, SignetServer.send("POST", "/signet/api/authenticator/confirmation", "approver", "approver-password",
                "application/json", ("{\"code\":\"" + oathtool(secret, "now") + "\"}").getBytes(StandardCharsets.UTF_8)).statusCode());

        // folders of this run's own: the run on the next database must not find these files
        Path base = Path.of(System.getProperty("signet.it.dir"), "second-factor-folder-" + System.nanoTime());
        HttpResponse<byte[]> folder = SignetServer.admin("PUT", "/signet/api/admin/hotfolders/qualified-scans", "{\"root\":\"" + base.resolve("in")
                + "\",\"out\":\"" + base.resolve("out") + "\",\"error\":\"" + base.resolve("err")
                + "\",\"format\":\"pades\",\"seal\":\"qualified-batches\"}");
        assertEquals(200, folder.statusCode(), SignetServer.text(folder));
        Path batch = Files.createDirectories(base.resolve("in/contracts"));
        Files.write(batch.resolve("contract-1.pdf"), TestDocuments.pdf(1, "a contract sealed in a batch"));
        Files.write(batch.resolve("contract-2.pdf"), TestDocuments.pdf(2, "another contract"));
        Files.writeString(batch.resolve("APPROVED"), "");

        String id = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (id == null && System.nanoTime() < deadline) {
            String waiting = SignetServer.text(SignetServer.send("GET", "/signet/api/batches/awaiting-confirmation", "approver",
                    "approver-password", null, null));
            Matcher found = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"name\":\"contracts\"").matcher(waiting);
            if (found.find()) {
                assertTrue(waiting.contains("\"pending\":2") && waiting.contains("\"state\":\"UNCONFIRMED\""), waiting);
                id = found.group(1);
            } else {
                Thread.sleep(250);
            }
        }
        assertTrue(id != null, "the batch does not wait for a confirmation");
        assertEquals("[]", SignetServer.text(SignetServer.send("GET", "/signet/api/batches/awaiting-confirmation", "bystander",
                "bystander-password", null, null)), "a user who may not use the seal sees nothing to confirm");
        Thread.sleep(6000); // longer than the scan period: unconfirmed, nothing is signed
        assertTrue(!Files.exists(base.resolve("out/contracts/READY")) && !Files.exists(base.resolve("out/contracts/contract-1.pdf")));

        HttpResponse<byte[]> bystander = SignetServer.send("POST", "/signet/api/batches/" + id + "/confirmation", "bystander",
                "bystander-password", "application/json", "{\"code\":\"123456\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, bystander.statusCode(), SignetServer.text(bystander));
        assertTrue(SignetServer.text(bystander).contains("not authorised to use seal 'qualified-batches'"), SignetServer.text(bystander));
        HttpResponse<byte[]> wrong = SignetServer.send("POST", "/signet/api/batches/" + id + "/confirmation", "approver",
                "approver-password", "application/json", "{\"code\":\"000000\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, wrong.statusCode(), SignetServer.text(wrong));
        assertTrue(SignetServer.text(wrong).contains("SECOND_FACTOR_REQUIRED"), SignetServer.text(wrong));
        assertTrue(SignetServer.audited("\"action\":\"BATCH_CONFIRMED\"", "\"outcome\":\"REFUSED\"", "\"actor\":\"approver\""));

        CommandLineIT.Result confirmed = CommandLineIT.run(dir, approver, "batch", "confirm", "--id", id, "--otp", oathtool(secret, "now + 30 seconds"),
                "--wait", "--timeout", "90");
        assertEquals(0, confirmed.exitCode(), confirmed.stdout() + confirmed.stderr());
        assertEquals("signed=2\nfailed=0\n", Files.readString(base.resolve("out/contracts/READY")));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(base.resolve("out/contracts/contract-2.pdf"));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        assertTrue(SignetServer.audited("\"action\":\"BATCH_CONFIRMED\"", "\"outcome\":\"SUCCESS\"", "\"actor\":\"approver\"",
                "confirmed with a one-time code: 2 files"));
        assertEquals(409, SignetServer.send("POST", "/signet/api/batches/" + id + "/confirmation", "approver", "approver-password",
                "application/json", "{\"code\":\"123456\"}".getBytes(StandardCharsets.UTF_8)).statusCode(), "confirmed already");
    }

    /**
     * "Only with a specific computer": requests from 127.0.0.4 are refused, naming why; from 127.0.0.1 they sign.
     * (127.0.0.4, not .2: RefusalsIT locks .2 out with failed logins, and the lock outlasts a test class.)
     */
    @Test
    void aSealBoundToComputersSignsOnlyForRequestsFromThem() throws Exception {
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/front-desk", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/front-desk/users/demo", null).statusCode());
        HttpResponse<byte[]> named = SignetServer.admin("PUT", "/signet/api/admin/seals/front-desk/clients", "{\"clients\":[\"desk.example.org\"]}");
        assertEquals(400, named.statusCode(), SignetServer.text(named));
        assertTrue(SignetServer.text(named).contains("names are not accepted"), SignetServer.text(named));
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/front-desk/clients", "{\"clients\":[\"127.0.0.1\",\"192.0.2.0/24\"]}")
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

        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/front-desk/clients", "{\"clients\":[]}").statusCode());
        assertEquals(200, SignetServer.sendFrom(InetAddress.getByName("127.0.0.4"), "POST", "/signet/api/sign/pdf?seal=front-desk",
                SignetServer.DEMO_USER, SignetServer.demoPassword(), "application/pdf", pdf).status(), "the condition lifted");
    }

    /** Hours that exclude now refuse, naming the hours and the local time; hours that include it sign; {} lifts them. */
    @Test
    void aSealBoundToHoursSignsOnlyThen() {
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/office-hours", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/office-hours/users/demo", null).statusCode());
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Pacific/Auckland"));
        String day = now.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        String tomorrow = now.getDayOfWeek().plus(1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        String elsewhen = now.getDayOfWeek().plus(3).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        byte[] pdf = TestDocuments.pdf(1, "in office hours");
        assertEquals(400, SignetServer.admin("PUT", "/signet/api/admin/seals/office-hours/hours", "{\"hours\":\"weekdays\",\"zone\":\"UTC\"}").statusCode());

        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/office-hours/hours", "{\"hours\":\"" + elsewhen
                + " 00:00-24:00\",\"zone\":\"Pacific/Auckland\"}").statusCode());
        HttpResponse<byte[]> closed = SignetServer.demoPost("/signet/api/sign/pdf?seal=office-hours", "application/pdf", pdf);
        assertEquals(403, closed.statusCode(), SignetServer.text(closed));
        assertTrue(SignetServer.text(closed).contains("signs only " + elsewhen + " 00:00-24:00 (Pacific/Auckland); it is "),
                SignetServer.text(closed));

        // today and tomorrow there, so that a midnight between here and the server cannot fail the test
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/office-hours/hours", "{\"hours\":\"" + day + "-" + tomorrow
                + " 00:00-24:00\",\"zone\":\"Pacific/Auckland\"}").statusCode());
        assertEquals(200, SignetServer.demoPost("/signet/api/sign/pdf?seal=office-hours", "application/pdf", pdf).statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/office-hours/hours", "{}").statusCode());
        assertEquals(200, SignetServer.demoPost("/signet/api/sign/pdf?seal=office-hours", "application/pdf", pdf).statusCode());
    }

    static String oathtool(String secret, String when) {
        OutsideVerifiers.Run run = OutsideVerifiers.run(List.of("oathtool", "--totp", "-b", "-N", when, secret));
        assertEquals(0, run.exitCode(), run.output());
        return run.output().strip();
    }

    /**
     * The text of a QR code in a PNG, as ZXing reads it. The image is a whole code with its quiet zone, so it is read as
     * one: ZXing's finder, meant for photographs, misreads about 3 in 1,000 such images of random secrets.
     */
    private static String qrText(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    static List<String> recoveryCodes(String json) {
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
}
