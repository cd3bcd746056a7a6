package org.signet.it;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signet.client.soap.FileSignRequest;
import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.NewSeal;
import org.signet.client.soap.admin.SignetFault;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in RFC 3161 TSA, the CA's CRL and revocation, driven and checked by OpenSSL and EU DSS. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TrustServicesIT {

    private static final String TSA = "/signet/tsa";
    private static final String POLICY = "2.25.148903819559518820972875894102669051177";

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    @Test
    void opensslRequestGetsATokenOpensslVerifies() throws IOException {
        Path data = Files.writeString(dir.resolve("data.txt"), "what was known at this time");
        List<String> serials = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path reply = stamp(query(data, "-sha256", "-cert"));
            String text = openssl("ts", "-reply", "-in", reply.toString(), "-text").output();
            assertTrue(text.contains("Status: Granted."), text);
            assertTrue(text.contains("Policy OID: " + POLICY), text);
            assertTrue(text.contains("Hash Algorithm: sha256"), text);
            assertTrue(text.contains("Accuracy: 0x01 seconds"), text);
            assertTrue(text.matches("(?s).*Nonce: 0x[0-9A-F]+.*"), "the nonce must be echoed: " + text);
            Matcher serial = Pattern.compile("Serial number: (0x[0-9A-F]+)").matcher(text);
            assertTrue(serial.find(), text);
            serials.add(serial.group(1));

            OutsideVerifiers.Run verify = openssl("ts", "-verify", "-data", data.toString(), "-in", reply.toString(),
                    "-CAfile", SignetServer.demoCa().toString());
            assertEquals(0, verify.exitCode(), verify.output());
            assertTrue(verify.output().contains("Verification: OK"), verify.output());
        }
        assertNotEquals(serials.get(0), serials.get(1), "serial numbers must be unique");

        Path other = Files.writeString(dir.resolve("other.txt"), "something else");
        OutsideVerifiers.Run wrongData = openssl("ts", "-verify", "-data", other.toString(), "-in",
                stamp(query(data, "-sha512", "-cert")).toString(), "-CAfile", SignetServer.demoCa().toString());
        assertNotEquals(0, wrongData.exitCode(), "a token must not verify for other data: " + wrongData.output());
    }

    @Test
    void requestsItCannotGrantAreRejectedWithTheRfc3161Reason() throws IOException {
        Path data = Files.writeString(dir.resolve("data.txt"), "x");
        assertRejected(stamp(query(data, "-sha1")), "unrecognized or unsupported algorithm identifier");
        assertRejected(stamp(query(data, "-sha256", "-tspolicy", "1.2.3.4")), "the requested TSA policy is not supported by the TSA");
        assertRejected(stamp(Files.writeString(dir.resolve("garbage.tsq"), "not DER at all")), "the data submitted has the wrong format");
    }

    @Test
    void theTsaNeedsCredentialsAndTheRightMediaType() throws IOException {
        byte[] query = Files.readAllBytes(query(Files.writeString(dir.resolve("d.txt"), "d"), "-sha256"));
        assertEquals(401, SignetServer.send("POST", TSA, null, null, "application/timestamp-query", query).statusCode());
        assertEquals(415, SignetServer.demoPost(TSA, "application/octet-stream", query).statusCode());
    }

    @Test
    void theCaPublishesItsCrlWhereItsCertificatesSay() throws IOException {
        HttpResponse<byte[]> crl = SignetServer.send("GET", "/signet/crl/ca.crl", null, null, null, null);
        assertEquals(200, crl.statusCode());
        assertEquals("application/pkix-crl", crl.headers().firstValue("Content-Type").orElse(""));
        Path file = Files.write(dir.resolve("ca.crl"), crl.body());
        OutsideVerifiers.Run check = openssl("crl", "-inform", "DER", "-in", file.toString(), "-noout", "-verify",
                "-CAfile", SignetServer.demoCa().toString());
        assertTrue(check.output().contains("verify OK"), check.output());

        // The seal's certificate points there (read from a signature the server makes).
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/file?seal=demo", "text/plain",
                "cdp".getBytes(StandardCharsets.UTF_8));
        Path p7s = Files.write(dir.resolve("cdp.p7s"), signed.body());
        String certificates = openssl("pkcs7", "-inform", "DER", "-in", p7s.toString(), "-print_certs", "-text", "-noout").output();
        assertTrue(certificates.contains("URI:" + SignetServer.HTTP + "/signet/crl/ca.crl"), certificates);
    }

    @Test
    void aRevokedSealSignsNothingMoreAndOnlyItsLtaSignaturesKeepTheirValue() throws IOException {
        SignetServer.putUser("revoker", "revoker-password-1", "signer");
        HttpResponse<byte[]> created = SignetServer.send("PUT", "/signet/api/admin/seals/revocable", "demo", SignetServer.demoPassword(),
                "application/json", "{\"description\":\"to be revoked\",\"formats\":[\"PADES\"],\"maxLevel\":\"LTA\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(201, created.statusCode(), SignetServer.text(created));
        assertEquals(204, SignetServer.send("PUT", "/signet/api/admin/seals/revocable/users/revoker", "demo",
                SignetServer.demoPassword(), null, null).statusCode());

        byte[] pdf = TestDocuments.pdf(1, "to be revoked");
        byte[] levelB = sign("revocable", "B", pdf);
        byte[] levelLta = sign("revocable", "LTA", pdf);
        assertTrue(OutsideVerifiers.dss(levelB, null).getValidSignaturesCount() == 1, "valid before revocation");

        HttpResponse<byte[]> revoked = SignetServer.send("POST", "/signet/api/admin/seals/revocable/revocation?reason=key_compromise",
                "demo", SignetServer.demoPassword(), null, null);
        assertEquals(204, revoked.statusCode(), SignetServer.text(revoked));

        HttpResponse<byte[]> refused = SignetServer.send("POST", "/signet/api/sign/pdf?seal=revocable", "revoker", "revoker-password-1",
                "application/pdf", pdf);
        assertEquals(503, refused.statusCode());
        assertTrue(SignetServer.text(refused).contains("has been revoked"), SignetServer.text(refused));

        // Without proof that it existed before the revocation, a B-level signature no longer counts...
        String afterB = verify(levelB);
        assertTrue(afterB.contains("\"valid\":false") && afterB.contains("REVOKED_NO_POE"), afterB);
        // ...an LTA signature's time-stamp proves it was made before, so it keeps its value (ETSI EN 319 102-1).
        String afterLta = verify(levelLta);
        assertTrue(afterLta.contains("\"valid\":true") && afterLta.contains("TOTAL_PASSED"), afterLta);

        Path crl = Files.write(dir.resolve("after.crl"), SignetServer.send("GET", "/signet/crl/ca.crl", null, null, null, null).body());
        String text = openssl("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text").output();
        assertTrue(text.contains("Revoked Certificates:") && text.contains("Key Compromise"), text);
        assertTrue(SignetServer.audited("\"action\":\"SEAL_REVOKED\"", "\"seal\":\"revocable\""), "revocation not audited");
    }

    @Test
    void soapAdministrationCreatesAuthorisesAndRevokesASeal() throws Exception {
        Administration admin = SignetServer.demoAdministration();
        admin.putUser("soap-clerk", "soap-clerk-password", List.of("signer"), null, false, null);
        NewSeal seal = new NewSeal();
        seal.setName("soap-seal");
        seal.setDescription("made over SOAP");
        seal.getFormat().add("CADES");
        seal.setMaxLevel("T");
        admin.createSeal(seal);
        admin.authoriseUser("soap-seal", "soap-clerk");

        FileSignRequest request = new FileSignRequest();
        request.setSeal("soap-seal");
        request.setDocument(new DataHandler(new ByteArrayDataSource(
                "minutes".getBytes(StandardCharsets.UTF_8), "text/plain")));
        SignetServer.soap("soap-clerk", "soap-clerk-password").signFile(request);

        // Only an administrator may revoke: the clerk's attempt is a fault naming the admin role, and changes nothing.
        SignetFault notAdmin = Assertions.assertThrows(
                SignetFault.class,
                () -> SignetServer.administration("soap-clerk", "soap-clerk-password").revokeSeal("soap-seal", "keyCompromise"));
        assertEquals("NOT_AUTHORISED", notAdmin.getFaultInfo().getCode());
        SignetServer.soap("soap-clerk", "soap-clerk-password").signFile(request);

        SignetFault badReason = Assertions.assertThrows(
                SignetFault.class, () -> admin.revokeSeal("soap-seal", "because"));
        assertTrue(badReason.getMessage().contains("because"), badReason.getMessage());

        admin.revokeSeal("soap-seal", "superseded");
        org.signet.client.soap.SignetFault refused = Assertions.assertThrows(org.signet.client.soap.SignetFault.class,
                () -> SignetServer.soap("soap-clerk", "soap-clerk-password").signFile(request));
        assertTrue(refused.getMessage().contains("has been revoked"), refused.getMessage());

        Path crl = Files.write(dir.resolve("soap.crl"), SignetServer.publishedCrl());
        String text = openssl("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text").output();
        assertTrue(text.contains("Superseded"), text);
        assertTrue(admin.auditTrail(50).stream().anyMatch(e -> "SEAL_REVOKED".equals(e.getAction()) && "soap-seal".equals(e.getSeal())),
                "revocation not in the audit trail");
    }

    private static byte[] sign(String seal, String level, byte[] pdf) {
        HttpResponse<byte[]> signed = SignetServer.send("POST", "/signet/api/sign/pdf?seal=" + seal + "&level=" + level,
                "revoker", "revoker-password-1", "application/pdf", pdf);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        return signed.body();
    }

    private static String verify(byte[] pdf) {
        return SignetServer.text(SignetServer.send("POST", "/signet/api/verify", "revoker", "revoker-password-1", "application/pdf", pdf));
    }

    private Path query(Path data, String... options) {
        Path query = dir.resolve("q" + System.nanoTime() + ".tsq");
        List<String> command = new ArrayList<>(List.of("ts", "-query", "-data", data.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-out", query.toString()));
        OutsideVerifiers.Run run = openssl(command.toArray(new String[0]));
        assertEquals(0, run.exitCode(), run.output());
        return query;
    }

    private Path stamp(Path query) throws IOException {
        HttpResponse<byte[]> response = SignetServer.demoPost(TSA, "application/timestamp-query", Files.readAllBytes(query));
        assertEquals(200, response.statusCode(), SignetServer.text(response));
        assertEquals("application/timestamp-reply", response.headers().firstValue("Content-Type").orElse(""));
        return Files.write(dir.resolve("r" + System.nanoTime() + ".tsr"), response.body());
    }

    private static void assertRejected(Path reply, String failureInfo) {
        String text = openssl("ts", "-reply", "-in", reply.toString(), "-text").output();
        assertTrue(text.contains("Status: Rejected."), text);
        assertTrue(text.contains("Failure info: " + failureInfo), text);
    }

    private static OutsideVerifiers.Run openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        return OutsideVerifiers.run(command);
    }
}
