package org.signet.it;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signet as a remote signature service over the CSC API v2: a client logs in once with HTTP Basic and then works with
 * the bearer token; only hashes travel, and the signature values it gets back are checked by OpenSSL against the
 * credential's certificate. A seal that requires a second factor (SCAL2) grants activation data only with the
 * caller's one-time code, and only for the hashes named then.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RemoteSigningIT {

    private static final String CLERK = "remote-clerk";
    private static final String PASSWORD = "remote-clerk-password";
    private static final String CSC = "/signet/api/csc/v2/";
    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    @Test
    void aCscClientSignsHashesWithABearerTokenAndOpenSslVerifiesThem() throws Exception {
        HttpResponse<byte[]> info = SignetServer.send("POST", CSC + "info", null, null, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, info.statusCode(), SignetServer.text(info));
        CscContract.conforming("info", info);
        assertTrue(SignetServer.text(info).contains("\"region\":\"DE\""), SignetServer.text(info));
        assertFalse(CscContract.violations("info", "{\"specs\":\"2.0.0.2\",\"name\":\"Signet\"}").isEmpty(), "the schema takes anything");
        assertTrue(SignetServer.text(info).contains("\"specs\":\"2.0.0.2\"") && SignetServer.text(info).contains("\"signatures/signHash\""),
                SignetServer.text(info));
        assertEquals(401, SignetServer.send("POST", CSC + "credentials/list", null, null, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8)).statusCode(), "credentials are listed anonymously");

        SignetServer.putUser(CLERK, PASSWORD, "signer");
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/remote", "{\"formats\":[\"HASH\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/remote/users/" + CLERK, null).statusCode());
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/remote-pdf-only", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/remote-pdf-only/users/" + CLERK, null).statusCode());

        HttpResponse<byte[]> login = SignetServer.send("POST", CSC + "auth/login", CLERK, PASSWORD, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, login.statusCode(), SignetServer.text(login));
        String token = JsonFields.text(CscContract.conforming("auth/login", login), "access_token");
        assertEquals(3600, JsonFields.number(SignetServer.text(login), "expires_in"));
        assertTrue(SignetServer.text(bearer(token, "GET", "/signet/api/seals", null)).contains("\"name\":\"remote\""),
                "the token does not work beyond CSC");
        assertEquals(400, bearer(token, "POST", CSC + "auth/login", "{}").statusCode(), "a token logs in for another");
        HttpResponse<byte[]> soap = SignetServer.send("POST", "/signet-soap/SigningService", null, null, "text/xml; charset=utf-8",
                ("<?xml version=\"1.0\"?><e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:s=\"urn:signet:soap:1\">"
                + "<e:Body><s:listSeals/></e:Body></e:Envelope>").getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + token));
        assertEquals(200, soap.statusCode(), SignetServer.text(soap));
        assertTrue(SignetServer.text(soap).contains("<name>remote</name>"), "SOAP does not take the token: " + SignetServer.text(soap));

        String list = CscContract.conforming("credentials/list", bearer(token, "POST", CSC + "credentials/list", "{}"));
        assertEquals("{\"credentialIDs\":[\"remote\"]}", list, "only seals of one key that make bare signatures are credentials");
        // and as curl, a client nobody here wrote, sends it
        OutsideVerifiers.Run curl = OutsideVerifiers.run(List.of("curl", "-sS", "-X", "POST", "-H", "Content-Type: application/json",
                "-H", "Authorization: Bearer " + token, "-d", "{}", SignetServer.HTTP.resolve(CSC + "credentials/list").toString()));
        assertEquals(0, curl.exitCode(), curl.output());
        assertTrue(curl.output().contains("{\"credentialIDs\":[\"remote\"]}"), curl.output());
        HttpResponse<byte[]> pdfOnly = bearer(token, "POST", CSC + "credentials/info", "{\"credentialID\":\"remote-pdf-only\"}");
        assertError(pdfOnly, 403, "invalid_request", "does not make bare signature values");

        String described = CscContract.conforming("credentials/info", bearer(token, "POST", CSC + "credentials/info",
                "{\"credentialID\":\"remote\",\"certificates\":\"chain\",\"certInfo\":true}"));
        assertTrue(described.contains("\"SCAL\":\"1\"") && described.contains("\"authMode\":\"explicit\"")
                && described.contains("\"status\":\"enabled\"") && described.contains(SHA256_WITH_RSA), described);
        List<String> chain = strings(described, "certificates");
        assertEquals(2, chain.size(), "the seal's certificate and the CA's: " + described);
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(chain.get(0))));
        assertTrue(described.contains("\"subjectDN\":\"" + certificate.getSubjectX500Principal().getName() + "\""), described);

        // Two documents that never leave the client: their SHA-256 hashes, signed with one activation.
        byte[] first = sha256("the first contract");
        byte[] second = sha256("the second contract");
        String sad = JsonFields.text(CscContract.conforming("credentials/authorize", bearer(token, "POST", CSC + "credentials/authorize",
                "{\"credentialID\":\"remote\",\"numSignatures\":2}")), "SAD");
        HttpResponse<byte[]> signed = bearer(token, "POST", CSC + "signatures/signHash", "{\"credentialID\":\"remote\",\"SAD\":\"" + sad
                + "\",\"hashes\":[\"" + b64(first) + "\",\"" + b64(second) + "\"],\"signAlgo\":\"" + SHA256_WITH_RSA + "\"}");
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        List<String> values = strings(CscContract.conforming("signatures/signHash", signed), "signatures");
        assertEquals(2, values.size(), SignetServer.text(signed));
        assertOpenSslVerifies(certificate, first, Base64.getDecoder().decode(values.get(0)));
        assertOpenSslVerifies(certificate, second, Base64.getDecoder().decode(values.get(1)));
        assertFalse(openSslAccepts(certificate, first, Base64.getDecoder().decode(values.get(1))), "OpenSSL accepts anything");

        assertError(bearer(token, "POST", CSC + "signatures/signHash", "{\"credentialID\":\"remote\",\"SAD\":\"" + sad
                + "\",\"hashes\":[\"" + b64(first) + "\"],\"signAlgo\":\"" + SHA256_WITH_RSA + "\"}"), 403, "access_denied", "SAD is not known");
        String another = JsonFields.text(SignetServer.text(bearer(token, "POST", CSC + "credentials/authorize",
                "{\"credentialID\":\"remote\",\"numSignatures\":1}")), "SAD");
        assertError(bearer(token, "POST", CSC + "signatures/signHash", "{\"credentialID\":\"remote\",\"SAD\":\"" + another
                + "\",\"hashes\":[\"AAEC\"],\"signAlgo\":\"" + SHA256_WITH_RSA + "\"}"), 400, "invalid_request", "hash has 32 bytes, not 3");
        assertError(bearer(token, "POST", CSC + "signatures/signHash", "{\"credentialID\":\"remote\",\"SAD\":\"" + another
                + "\",\"hashes\":[\"" + b64(first) + "\"],\"signAlgo\":\"1.2.840.10045.4.3.2\"}"), 400, "invalid_request",
                "is not one the credential's RSA key signs with");
        assertTrue(SignetServer.audited("\"action\":\"SIGN\"", "\"actor\":\"" + CLERK + "\"", "\"seal\":\"remote\"", "HASH level B"),
                "the signatures are not audited");

        assertEquals(204, bearer(token, "POST", CSC + "auth/revoke", "{\"token\":\"" + token + "\"}").statusCode());
        assertEquals(401, bearer(token, "POST", CSC + "credentials/list", "{}").statusCode(), "a revoked token still works");
        assertEquals(401, bearer("not-a-token", "POST", CSC + "credentials/list", "{}").statusCode());
    }

    @Test
    void scal2GrantsActivationOnlyWithTheOneTimeCodeAndOnlyForTheHashesNamed() throws Exception {
        String person = "remote-person";
        SignetServer.putUser(person, PASSWORD, "signer");
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/remote-qualified", "{\"formats\":[\"HASH\",\"PADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/remote-qualified/users/" + person, null).statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/remote-qualified/second-factor", "{\"secondFactor\":\"totp\"}").statusCode());
        HttpResponse<byte[]> enrolled = SignetServer.send("POST", "/signet/api/authenticator", person, PASSWORD, null, null);
        String secret = JsonFields.text(SignetServer.text(enrolled), "secret");
        assertEquals(204, SignetServer.send("POST", "/signet/api/authenticator/confirmation", person, PASSWORD, "application/json",
                ("{\"code\":\"" + SealConditionsIT.oathtool(secret, "now") + "\"}").getBytes(StandardCharsets.UTF_8)).statusCode());
        String token = JsonFields.text(SignetServer.text(SignetServer.send("POST", CSC + "auth/login", person, PASSWORD,
                "application/json", "{}".getBytes(StandardCharsets.UTF_8))), "access_token");

        String described = CscContract.conforming("credentials/info", bearer(token, "POST", CSC + "credentials/info",
                "{\"credentialID\":\"remote-qualified\"}"));
        assertTrue(described.contains("\"SCAL\":\"2\"") && described.contains("\"OTP\":{")
                && described.contains("\"auth\":{\"mode\":\"explicit\",\"expression\":\"OTP\",\"objects\":[{\"type\":\"Otp\",\"id\":\"OTP\""), described);
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(strings(described, "certificates").get(0))));

        byte[] confirmed = sha256("the contract the person read");
        byte[] other = sha256("a contract the person never saw");
        assertError(bearer(token, "POST", CSC + "credentials/authorize", "{\"credentialID\":\"remote-qualified\",\"numSignatures\":1,"
                + "\"OTP\":\"" + SealConditionsIT.oathtool(secret, "now + 30 seconds") + "\"}"), 400, "invalid_request", "names the 1 hash");
        assertError(bearer(token, "POST", CSC + "credentials/authorize", "{\"credentialID\":\"remote-qualified\",\"numSignatures\":1,"
                + "\"hashes\":[\"" + b64(confirmed) + "\"],\"OTP\":\"000000\"}"), 403, "invalid_otp", "does not match");
        assertTrue(SignetServer.audited("\"action\":\"SIGNATURE_AUTHORISED\"", "\"outcome\":\"REFUSED\"", "\"actor\":\"" + person + "\"",
                "does not match"), "a wrong code is not audited");

        assertError(bearer(token, "POST", CSC + "credentials/authorize", "{\"credentialID\":\"remote-qualified\",\"numSignatures\":1,"
                + "\"hashes\":[\"" + b64(confirmed) + "\"],\"authData\":[{\"id\":\"PIN\",\"value\":\"1234\"}]}"), 400, "invalid_request",
                "the one-time code goes under the id OTP");
        // as a v2 client sends it: the code in authData under the id credentials/info named
        String sad = JsonFields.text(CscContract.conforming("credentials/authorize", bearer(token, "POST", CSC + "credentials/authorize",
                "{\"credentialID\":\"remote-qualified\",\"numSignatures\":1,\"hashes\":[\"" + b64(confirmed) + "\"],\"authData\":[{\"id\":\"OTP\","
                + "\"value\":\"" + SealConditionsIT.oathtool(secret, "now + 30 seconds") + "\"}]}")), "SAD");
        assertError(bearer(token, "POST", CSC + "signatures/signHash", "{\"credentialID\":\"remote-qualified\",\"SAD\":\"" + sad
                + "\",\"hashes\":[\"" + b64(other) + "\"],\"signAlgo\":\"" + SHA256_WITH_RSA + "\"}"), 403, "access_denied",
                "was not granted for the hash");
        HttpResponse<byte[]> signed = bearer(token, "POST", CSC + "signatures/signHash", "{\"credentialID\":\"remote-qualified\",\"SAD\":\""
                + sad + "\",\"hashes\":[\"" + b64(confirmed) + "\"],\"signAlgo\":\"1.2.840.113549.1.1.1\",\"hashAlgorithmOID\":"
                + "\"2.16.840.1.101.3.4.2.1\"}");
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        assertOpenSslVerifies(certificate, confirmed, Base64.getDecoder().decode(strings(SignetServer.text(signed), "signatures").get(0)));
        assertError(bearer(token, "POST", CSC + "signatures/signHash", "{\"credentialID\":\"remote-qualified\",\"SAD\":\"" + sad
                + "\",\"hashes\":[\"" + b64(confirmed) + "\"],\"signAlgo\":\"" + SHA256_WITH_RSA + "\"}"), 403, "access_denied",
                "SAD is not known");

        // signDoc under SCAL 2: the SAD names the SHA-256 of the document the person read (confirmed with a recovery code,
        // since this step's one-time code is spent), and signs that document only
        String recovery = SealConditionsIT.recoveryCodes(SignetServer.text(enrolled)).get(0);
        byte[] contract = TestDocuments.pdf(1, "the contract the person signs through signDoc");
        byte[] unseen = TestDocuments.pdf(1, "a contract the person never read");
        String documentSad = JsonFields.text(CscContract.conforming("credentials/authorize", bearer(token, "POST", CSC + "credentials/authorize",
                "{\"credentialID\":\"remote-qualified\",\"numSignatures\":1,\"hashes\":[\"" + b64(MessageDigest.getInstance("SHA-256")
                        .digest(contract)) + "\"],\"authData\":[{\"id\":\"OTP\",\"value\":\"" + recovery + "\"}]}")), "SAD");
        assertError(signDoc(token, documentSad, unseen), 403, "access_denied", "was not granted");
        HttpResponse<byte[]> signedDocument = signDoc(token, documentSad, contract);
        assertEquals(200, signedDocument.statusCode(), SignetServer.text(signedDocument));
        byte[] signedPdf = Base64.getDecoder().decode(strings(CscContract.conforming("signatures/signDoc", signedDocument),
                "DocumentWithSignature").get(0));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "scal2-signdoc.pdf", signedPdf));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        assertError(signDoc(token, documentSad, contract), 403, "access_denied", "SAD is not known");

        // A disabled person's token ends with the person.
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/" + person + "/enabled", "{\"enabled\":false}").statusCode());
        assertEquals(401, bearer(token, "POST", CSC + "credentials/list", "{}").statusCode(), "a disabled person's token still works");
    }

    /**
     * Signet as a client of a remote signature service (here its own CSC face, as another Signet would be): the service's
     * credential becomes a key, a seal over it makes a PAdES-LTA signature whose value came over HTTP, and DSS and pdfsig
     * accept it. Only services the configuration lists are called, and a wrong password registers nothing.
     */
    @Test
    void aSealOverARemoteCredentialSignsPadesLtaThatDssAndPdfsigAccept() throws Exception {
        String account = "csc-account";
        SignetServer.putUser(account, PASSWORD, "signer");
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/trust-centre-seal", "{\"formats\":[\"HASH\"],\"maxLevel\":\"B\"}")
                .statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/trust-centre-seal/users/" + account, null).statusCode());
        String service = SignetServer.HTTP.resolve(CSC).toString();

        HttpResponse<byte[]> elsewhere = SignetServer.admin("PUT", "/signet/api/admin/tokens/elsewhere", "{\"service\":\""
                + SignetServer.HTTP.resolve("/signet/api/") + "\",\"account\":\"" + account + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(400, elsewhere.statusCode(), SignetServer.text(elsewhere));
        assertTrue(SignetServer.text(elsewhere).contains("signet.csc.services"), SignetServer.text(elsewhere));
        HttpResponse<byte[]> wrong = SignetServer.admin("PUT", "/signet/api/admin/tokens/trust-centre", "{\"service\":\"" + service
                + "\",\"account\":\"" + account + "\",\"password\":\"not-the-password\"}");
        assertEquals(503, wrong.statusCode(), SignetServer.text(wrong));
        assertTrue(SignetServer.text(wrong).contains("refused auth/login (HTTP 401)") && !SignetServer.text(wrong).contains("not-the-password"),
                SignetServer.text(wrong));

        Path passwordFile = Files.writeString(dir.resolve("service-password"), PASSWORD + "\n");
        CommandLineIT.Result registered = CommandLineIT.run(dir, Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER",
                SignetServer.DEMO_USER, "SIGNET_PASSWORD", SignetServer.demoPassword()), "keys", "remote", "--token", "trust-centre",
                "--service", service, "--account", account, "--password-file", passwordFile.toString());
        assertEquals(0, registered.exitCode(), registered.stdout() + registered.stderr());
        assertTrue(SignetServer.audited("\"action\":\"TOKEN_REGISTERED\"", "remote signature service 'trust-centre'",
                "trust-centre-seal"), "the registration is not audited");
        HttpResponse<byte[]> seal = SignetServer.admin("PUT", "/signet/api/admin/seals/via-trust-centre",
                "{\"formats\":[\"PADES\"],\"maxLevel\":\"LTA\",\"keys\":[\"trust-centre/trust-centre-seal\"]}");
        assertEquals(201, seal.statusCode(), SignetServer.text(seal));
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/via-trust-centre/users/demo", null).statusCode());

        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/pdf?seal=via-trust-centre&level=LTA", "application/pdf",
                TestDocuments.pdf(1, "signed with a remote credential"));
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        SimpleReport dss = OutsideVerifiers.dss(signed.body(), null);
        String id = dss.getFirstSignatureId();
        assertEquals("PAdES-BASELINE-LTA", dss.getSignatureFormat(id).toString());
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(id), () -> dss.getAdESValidationErrors(id).toString());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "remote.pdf", signed.body()));
        assertTrue(pdfsig.output().split("Signature #2:")[0].contains("Signature is Valid."), pdfsig.output());
        // the value came from the service: its own audit trail has the bare signature, made for the account
        assertTrue(SignetServer.audited("\"action\":\"SIGN\"", "\"actor\":\"" + account + "\"", "\"seal\":\"trust-centre-seal\"",
                "HASH level B"), "the service did not sign");

        // A hot folder through the remote seal: the hashes of a slice travel together, one activation and one signHash each.
        List<Integer> before = authorisations(account);
        Path base = Path.of(System.getProperty("signet.it.dir"), "remote-hotfolder-" + System.nanoTime());
        HttpResponse<byte[]> folder = SignetServer.admin("PUT", "/signet/api/admin/hotfolders/via-trust-centre", "{\"root\":\""
                + base.resolve("in") + "\",\"out\":\"" + base.resolve("out") + "\",\"error\":\"" + base.resolve("err")
                + "\",\"format\":\"pades\",\"seal\":\"via-trust-centre\"}");
        assertEquals(200, folder.statusCode(), SignetServer.text(folder));
        Path batch = Files.createDirectories(base.resolve("in/remote-1"));
        int files = 1000;
        for (int i = 0; i < files; i++) {
            Files.write(batch.resolve(String.format("letter-%02d.pdf", i)), TestDocuments.pdf(1, "letter " + i));
        }
        Files.writeString(batch.resolve("APPROVED"), "");
        Path out = base.resolve("out/remote-1");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.exists(out.resolve("READY")) && !Files.exists(out.resolve("FAILED")) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals("signed=" + files + "\nfailed=0\n", Files.exists(out.resolve("READY")) ? Files.readString(out.resolve("READY"))
                : "no READY; FAILED: " + (Files.exists(out.resolve("FAILED")) ? Files.readString(out.resolve("FAILED")) : "none"));
        OutsideVerifiers.Run letter = OutsideVerifiers.pdfsig(out.resolve("letter-07.pdf"));
        assertTrue(letter.output().contains("Signature is Valid."), letter.output());
        List<Integer> after = authorisations(account);
        List<Integer> batchAuthorisations = after.subList(0, after.size() - before.size());
        assertEquals(files, batchAuthorisations.stream().mapToInt(Integer::intValue).sum(), "signatures activated: " + batchAuthorisations);
        // slices of 25 within chunks of 100 per worker (3 here), each chunk's first document alone: about files / 20
        assertTrue(batchAuthorisations.size() <= files / 15, "one activation per slice, not per document: " + batchAuthorisations);
        System.out.printf("remote signing: %d PDFs through a remote seal in %d activations and signHash calls%n", files,
                batchAuthorisations.size());
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/hotfolders/via-trust-centre", null).statusCode());
    }

    /**
     * CSC signDoc: whole documents signed with a credential in the formats its seal allows (a PDF at PAdES-B-T, a file as
     * attached CAdES, an XML enveloped) and a digest as a detached CAdES signature, with one activation; pdfsig, OpenSSL and
     * xmlsec1 accept them. A format the credential's seal does not allow, JAdES, and a used SAD are refused.
     */
    @Test
    void signDocSignsDocumentsAndDigestsThatOutsideVerifiersAccept() throws Exception {
        String clerk = "signdoc-clerk";
        SignetServer.putUser(clerk, PASSWORD, "signer");
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/remote-documents",
                "{\"formats\":[\"HASH\",\"PADES\",\"CADES\",\"XADES\"],\"maxLevel\":\"T\"}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/remote-documents/users/" + clerk, null).statusCode());
        String token = JsonFields.text(SignetServer.text(SignetServer.send("POST", CSC + "auth/login", clerk, PASSWORD, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8))), "access_token");
        assertTrue(SignetServer.text(SignetServer.send("POST", CSC + "info", null, null, "application/json", "{}".getBytes(StandardCharsets.UTF_8)))
                .contains("\"signatures/signDoc\""));

        byte[] pdf = TestDocuments.pdf(1, "a contract signed through signDoc");
        byte[] text = "a letter signed through signDoc\n".getBytes(StandardCharsets.UTF_8);
        byte[] xml = "<?xml version=\"1.0\"?><order id=\"4711\"><item>paper</item></order>".getBytes(StandardCharsets.UTF_8);
        String sad = JsonFields.text(SignetServer.text(bearer(token, "POST", CSC + "credentials/authorize",
                "{\"credentialID\":\"remote-documents\",\"numSignatures\":4}")), "SAD");
        HttpResponse<byte[]> signed = bearer(token, "POST", CSC + "signatures/signDoc", "{\"credentialID\":\"remote-documents\",\"SAD\":\""
                + sad + "\",\"documents\":[{\"document\":\"" + b64(pdf) + "\",\"signature_format\":\"P\",\"conformance_level\":\"Ades-B-T\","
                + "\"signAlgo\":\"" + SHA256_WITH_RSA + "\",\"signed_envelope_property\":\"Revision\"},"
                + "{\"document\":\"" + b64(text) + "\",\"signature_format\":\"C\",\"conformance_level\":\"Ades-B-B\","
                + "\"signed_envelope_property\":\"Attached\"},"
                + "{\"document\":\"" + b64(xml) + "\",\"signature_format\":\"X\",\"signed_envelope_property\":\"Enveloped\"}]}");
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        List<String> documents = strings(CscContract.conforming("signatures/signDoc", signed), "DocumentWithSignature");
        assertEquals(3, documents.size(), SignetServer.text(signed));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "signdoc.pdf", Base64.getDecoder().decode(documents.get(0))));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        SimpleReport dss = OutsideVerifiers.dss(Base64.getDecoder().decode(documents.get(0)), null);
        assertEquals("PAdES-BASELINE-T", dss.getSignatureFormat(dss.getFirstSignatureId()).toString());
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(dss.getFirstSignatureId()), () -> dss.getAdESValidationErrors(dss.getFirstSignatureId()).toString());
        Path p7m = OutsideVerifiers.write(dir, "letter.p7m", Base64.getDecoder().decode(documents.get(1)));
        OutsideVerifiers.Run cms = OutsideVerifiers.run(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", p7m.toString(),
                "-CAfile", SignetServer.demoCa().toString(), "-out", dir.resolve("letter.txt").toString()));
        assertEquals(0, cms.exitCode(), cms.output());
        assertEquals(new String(text, StandardCharsets.UTF_8), Files.readString(dir.resolve("letter.txt")));
        OutsideVerifiers.Run xmlsec = OutsideVerifiers.xmlsec1Verify(OutsideVerifiers.write(dir, "order.xml", Base64.getDecoder().decode(documents.get(2))));
        assertEquals(0, xmlsec.exitCode(), xmlsec.output());
        assertTrue(new String(Base64.getDecoder().decode(documents.get(2)), StandardCharsets.UTF_8).contains("<item>paper</item>"));

        // the fourth signature of the SAD: a digest, signed as detached CAdES over a file that stays here
        Path file = Files.write(dir.resolve("large.bin"), new byte[] {1, 2, 3, 4, 5});
        HttpResponse<byte[]> digest = bearer(token, "POST", CSC + "signatures/signDoc", "{\"credentialID\":\"remote-documents\",\"SAD\":\""
                + sad + "\",\"documentDigests\":[{\"hashes\":[\"" + b64(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
                + "\"],\"hashAlgorithmOID\":\"2.16.840.1.101.3.4.2.1\",\"signature_format\":\"C\",\"signed_envelope_property\":\"Detached\"}]}");
        assertEquals(200, digest.statusCode(), SignetServer.text(digest));
        Path p7s = OutsideVerifiers.write(dir, "large.p7s", Base64.getDecoder().decode(strings(CscContract.conforming("signatures/signDoc", digest),
                "SignatureObject").get(0)));
        OutsideVerifiers.Run detached = OutsideVerifiers.opensslCmsVerify(file, p7s, SignetServer.demoCa());
        assertEquals(0, detached.exitCode(), detached.output());
        assertError(bearer(token, "POST", CSC + "signatures/signDoc", "{\"credentialID\":\"remote-documents\",\"SAD\":\"" + sad
                + "\",\"documents\":[{\"document\":\"" + b64(text) + "\",\"signature_format\":\"C\"}]}"), 403, "access_denied", "SAD is not known");

        String next = JsonFields.text(SignetServer.text(bearer(token, "POST", CSC + "credentials/authorize",
                "{\"credentialID\":\"remote-documents\",\"numSignatures\":1}")), "SAD");
        assertError(bearer(token, "POST", CSC + "signatures/signDoc", "{\"credentialID\":\"remote-documents\",\"SAD\":\"" + next
                + "\",\"documents\":[{\"document\":\"" + b64(text) + "\",\"signature_format\":\"J\"}]}"), 400, "invalid_request", "is not P (PAdES)");
        assertError(bearer(token, "POST", CSC + "signatures/signDoc", "{\"credentialID\":\"remote-documents\",\"SAD\":\"" + next
                + "\",\"documents\":[{\"document\":\"" + b64(pdf) + "\",\"signature_format\":\"P\",\"conformance_level\":\"Ades-B-LTA\"}]}"),
                403, "invalid_request", "LTA");
        assertError(bearer(token, "POST", CSC + "signatures/signDoc", "{\"credentialID\":\"remote-documents\",\"SAD\":\"" + next
                + "\",\"documentDigests\":[{\"hashes\":[\"" + b64(sha256("x")) + "\"],\"signature_format\":\"P\"}]}"),
                400, "invalid_request", "detached CAdES");
    }

    /** How many signatures each activation granted to the user had, newest first (the service's audit trail). */
    private static List<Integer> authorisations(String user) {
        String trail = SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/audit?action=SIGNATURE_AUTHORISED&limit=500", null));
        List<Integer> counts = new ArrayList<>();
        for (String event : trail.split("\\},\\{")) {
            Matcher granted = Pattern.compile("(\\d+) signature\\(s\\)").matcher(event);
            if (event.contains("\"actor\":\"" + user + "\"") && event.contains("\"outcome\":\"SUCCESS\"") && granted.find()) {
                counts.add(Integer.parseInt(granted.group(1)));
            }
        }
        return counts;
    }

    /** RSA PKCS #1 v1.5 over the SHA-256 hash, as OpenSSL checks it with the certificate's public key. */
    private void assertOpenSslVerifies(X509Certificate certificate, byte[] hash, byte[] signature) throws Exception {
        assertTrue(openSslAccepts(certificate, hash, signature), "OpenSSL refuses the signature value");
    }

    /** Whether OpenSSL accepts the value over the hash. */
    private boolean openSslAccepts(X509Certificate certificate, byte[] hash, byte[] signature) throws Exception {
        Path pem = dir.resolve("certificate.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Path in = Files.write(dir.resolve("hash.bin"), hash);
        Path sig = Files.write(dir.resolve("signature.bin"), signature);
        OutsideVerifiers.Run run = OutsideVerifiers.run(List.of("openssl", "pkeyutl", "-verify", "-certin", "-inkey", pem.toString(),
                "-in", in.toString(), "-sigfile", sig.toString(), "-pkeyopt", "digest:sha256"));
        return run.exitCode() == 0 && run.output().contains("Signature Verified Successfully");
    }

    /** CSC 11.11 signatures/timestamp: a token from Signet's own authority over the caller's hash, with its nonce. */
    @Test
    void signaturesTimestampGivesATokenOverTheHashWithTheNonceThatOpensslVerifies(@TempDir Path dir) throws Exception {
        Path document = Files.writeString(dir.resolve("contract.txt"), "a contract stamped through the CSC API\n");
        String hash = b64(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(document)));
        assertTrue(SignetServer.text(SignetServer.send("POST", CSC + "info", null, null, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8))).contains("\"signatures/timestamp\""));
        HttpResponse<byte[]> stamped = SignetServer.demoPost(CSC + "signatures/timestamp", "application/json", ("{\"hash\":\"" + hash
                + "\",\"hashAlgo\":\"2.16.840.1.101.3.4.2.1\",\"nonce\":\"1f2e3d4c5b6a\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, stamped.statusCode(), SignetServer.text(stamped));
        byte[] token = Base64.getDecoder().decode(JsonFields.text(CscContract.conforming("signatures/timestamp", stamped), "timestamp"));
        assertEquals(new BigInteger("1f2e3d4c5b6a", 16), new TimeStampToken(new CMSSignedData(token)).getTimeStampInfo().getNonce());
        Path file = Files.write(dir.resolve("contract.tst"), token);
        OutsideVerifiers.Run verify = OutsideVerifiers.run(List.of("openssl", "ts", "-verify", "-data", document.toString(), "-in",
                file.toString(), "-token_in", "-CAfile", SignetServer.demoCa().toString()));
        assertTrue(verify.output().contains("Verification: OK"), verify.output());

        assertError(SignetServer.demoPost(CSC + "signatures/timestamp", "application/json", ("{\"hash\":\"" + b64(new byte[20])
                + "\",\"hashAlgo\":\"2.16.840.1.101.3.4.2.1\"}").getBytes(StandardCharsets.UTF_8)), 400, "invalid_request", "refused");
        assertError(SignetServer.demoPost(CSC + "signatures/timestamp", "application/json", ("{\"hash\":\"" + hash
                + "\",\"hashAlgo\":\"1.3.14.3.2.26\"}").getBytes(StandardCharsets.UTF_8)), 400, "invalid_request", "refused");
        assertError(SignetServer.demoPost(CSC + "signatures/timestamp", "application/json", "{\"hash\":\"%%%\",\"hashAlgo\":\"1.2\"}"
                .getBytes(StandardCharsets.UTF_8)), 400, "invalid_request", "not base64");
        assertEquals(401, SignetServer.send("POST", CSC + "signatures/timestamp", null, null, "application/json", ("{\"hash\":\"" + hash
                + "\",\"hashAlgo\":\"2.16.840.1.101.3.4.2.1\"}").getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    private static void assertError(HttpResponse<byte[]> answer, int status, String error, String description) {
        String body = CscContract.conforming("error", answer);
        assertEquals(status, answer.statusCode(), body);
        assertTrue(body.contains("\"error\":\"" + error + "\"") && body.contains(description), body);
    }

    private static HttpResponse<byte[]> bearer(String token, String method, String path, String json) {
        return SignetServer.send(method, path, null, null, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + token));
    }


    private static List<String> strings(String json, String member) {
        Matcher array = Pattern.compile("\"" + member + "\":\\[([^\\]]*)\\]").matcher(json);
        assertTrue(array.find(), member + " is missing: " + json);
        List<String> found = new ArrayList<>();
        Matcher item = Pattern.compile("\"([^\"]*)\"").matcher(array.group(1));
        while (item.find()) {
            found.add(item.group(1));
        }
        return found;
    }

    private static HttpResponse<byte[]> signDoc(String token, String sad, byte[] pdf) {
        return bearer(token, "POST", CSC + "signatures/signDoc", "{\"credentialID\":\"remote-qualified\",\"SAD\":\"" + sad
                + "\",\"documents\":[{\"document\":\"" + b64(pdf) + "\",\"signature_format\":\"P\",\"conformance_level\":\"Ades-B-B\","
                + "\"signAlgo\":\"" + SHA256_WITH_RSA + "\",\"signed_envelope_property\":\"Revision\"}]}");
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
