package org.signet.it;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signet.client.ClientSettings;
import org.signet.client.SignetClient;
import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.xml.ws.WebServiceException;
import org.signet.client.soap.PdfSignRequest;
import org.signet.client.soap.SignResponse;
import org.signet.client.soap.Signing;
import org.signet.client.soap.SignetFault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OAuth2 access tokens of a real OpenID provider (Keycloak, started by the build on 127.0.0.1:8190 with the realm in
 * src/test/keycloak): a process with a client-credentials token and a person with a password-grant token sign over REST,
 * SOAP and the command line as the Signet users the tokens name; tokens for another audience, of a user Signet does
 * not know or has disabled, or changed after signing are refused; and a seal can require a token granting a scope.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenIdProviderIT {

    private static final URI TOKENS = URI.create("http://127.0.0.1:8190/realms/signet/protocol/openid-connect/token");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    /** The Signet users the provider's tokens name: the process by its client id, the person by its user name. */
    @BeforeAll
    static void users() {
        for (String[] user : new String[][] {{"billing-system", "{\"kind\":\"process\",\"roles\":[\"signer\"]}"},
                {"ledger-system", "{\"kind\":\"process\",\"roles\":[\"signer\"]}"},
                {"oidc-clerk", "{\"kind\":\"person\",\"password\":\"a-password-signet-never-sees-used\",\"roles\":[\"signer\"]}"}}) {
            HttpResponse<byte[]> created = SignetServer.admin("PUT", "/signet/api/admin/users/" + user[0], user[1]);
            assertTrue(created.statusCode() / 100 == 2, SignetServer.text(created));
        }
        HttpResponse<byte[]> seal = SignetServer.admin("PUT", "/signet/api/admin/seals/oidc-invoices", "{\"formats\":[\"PADES\",\"CADES\"],\"maxLevel\":\"B\"}");
        assertTrue(seal.statusCode() / 100 == 2, SignetServer.text(seal));
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/oidc-invoices/users/billing-system", null).statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/oidc-invoices/users/oidc-clerk", null).statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/oidc-invoices/users/demo", null).statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/oidc-invoices/users/ledger-system", null).statusCode());
    }

    private static String token(String... form) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(form[i]).append('=').append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(TOKENS).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "the OpenID provider refused: " + response.body());
            return JsonFields.text(response.body(), "access_token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String processToken(String scope) {
        return scope == null ? token("grant_type", "client_credentials", "client_id", "billing-system", "client_secret", "billing-system-secret")
                : token("grant_type", "client_credentials", "client_id", "billing-system", "client_secret", "billing-system-secret", "scope", scope);
    }

    private static String personToken() {
        return token("grant_type", "password", "client_id", "signet-cli", "username", "oidc-clerk", "password", "oidc-clerk-password");
    }

    private static HttpResponse<byte[]> signPdf(String token) {
        return SignetServer.send("POST", "/signet/api/sign/pdf?seal=oidc-invoices", null, null, "application/pdf",
                TestDocuments.pdf(1, "an invoice"), Map.of("Authorization", "Bearer " + token));
    }

    private static Signing soap(String token) {
        Signing port = SignetClient.connect(new ClientSettings(SignetServer.HTTP.resolve(ClientSettings.SOAP_PATH), null, null, token), 60);
        assertEquals(Map.of("Authorization", List.of("Bearer " + token)),
                ((BindingProvider) port).getRequestContext().get(MessageContext.HTTP_REQUEST_HEADERS));
        return port;
    }

    private static SignResponse soapSign(Signing port) throws SignetFault {
        PdfSignRequest request = new PdfSignRequest();
        request.setSeal("oidc-invoices");
        request.setDocumentName("invoice.pdf");
        request.setDocument(new DataHandler(new ByteArrayDataSource(TestDocuments.pdf(1, "an invoice over SOAP"), "application/pdf")));
        return port.signPdf(request);
    }

    /** A client whose provider signs its tokens with ECDSA (ES256), as Keycloak does when the client asks for it. */
    @Test
    void anEcdsaSignedTokenSignsAndAChangedOneDoesNot() throws Exception {
        String token = token("grant_type", "client_credentials", "client_id", "ledger-system", "client_secret", "ledger-system-secret");
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"alg\":\"ES256\""), header);
        HttpResponse<byte[]> signed = signPdf(token);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(Files.write(dir.resolve("by-ledger.pdf"), signed.body()));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        assertTrue(SignetServer.audited("\"actor\":\"ledger-system\"", "\"seal\":\"oidc-invoices\""));

        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"ledger-system\"", "\"demo\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(401, signPdf(forged).statusCode(), "claims changed after the provider signed");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[5] ^= 1;
        assertEquals(401, signPdf(parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature)).statusCode(),
                "a broken signature");
    }

    @Test
    void aProcessAndAPersonSignWithTheirProvidersTokensOnEveryFace() throws Exception {
        HttpResponse<byte[]> process = signPdf(processToken(null));
        assertEquals(200, process.statusCode(), SignetServer.text(process));
        Path signed = Files.write(dir.resolve("by-process.pdf"), process.body());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(signed);
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        assertTrue(SignetServer.audited("\"actor\":\"billing-system\"", "\"seal\":\"oidc-invoices\""), "the signature is audited as the process");

        HttpResponse<byte[]> person = signPdf(personToken());
        assertEquals(200, person.statusCode(), SignetServer.text(person));
        assertTrue(SignetServer.audited("\"actor\":\"oidc-clerk\"", "\"seal\":\"oidc-invoices\""), "the signature is audited as the person");

        SignResponse overSoap = soapSign(soap(processToken(null)));
        Path soapSigned = Files.write(dir.resolve("soap.pdf"), overSoap.getDocument().getInputStream().readAllBytes());
        assertTrue(OutsideVerifiers.pdfsig(soapSigned).output().contains("Signature is Valid."));

        Path tokenFile = Files.writeString(dir.resolve("token"), processToken(null) + "\n");
        Path in = Files.write(dir.resolve("invoice.pdf"), TestDocuments.pdf(1, "an invoice from the command line"));
        CommandLineIT.Result cli = CommandLineIT.run(dir, Map.of("SIGNET_URL", SignetServer.HTTP.toString()),
                "sign", "--seal", "oidc-invoices", "--in", in.toString(), "--out", dir.resolve("cli.pdf").toString(),
                "--token-file", tokenFile.toString());
        assertEquals(0, cli.exitCode(), cli.stderr());
        assertTrue(OutsideVerifiers.pdfsig(dir.resolve("cli.pdf")).output().contains("Signature is Valid."));
    }

    @Test
    void theRemoteSigningFaceNamesTheProviderAndServesItsTokens() {
        HttpResponse<byte[]> info = SignetServer.send("POST", "/signet/api/csc/v2/info", null, null, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, info.statusCode());
        assertTrue(SignetServer.text(info).contains("\"authType\":[\"basic\",\"oauth2client\",\"oauth2code\"]")
                && SignetServer.text(info).contains("\"oauth2Issuer\":\"http://127.0.0.1:8190/realms/signet\""), SignetServer.text(info));
        HttpResponse<byte[]> listed = SignetServer.send("POST", "/signet/api/csc/v2/credentials/list", null, null, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + processToken(null)));
        assertEquals(200, listed.statusCode(), SignetServer.text(listed));
        assertTrue(SignetServer.text(listed).contains("\"credentialIDs\""), SignetServer.text(listed));
        String foreign = token("grant_type", "client_credentials", "client_id", "elsewhere", "client_secret", "elsewhere-secret");
        assertEquals(401, SignetServer.send("POST", "/signet/api/csc/v2/credentials/list", null, null, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + foreign)).statusCode());
    }

    @Test
    void tokensThatAreNotForSignetOrNameNobodyItKnowsAreRefused() throws Exception {
        String foreign = token("grant_type", "client_credentials", "client_id", "elsewhere", "client_secret", "elsewhere-secret");
        assertEquals(401, signPdf(foreign).statusCode(), "a token for another audience");
        WebServiceException soapRefusal = assertThrows(WebServiceException.class, () -> soapSign(soap(foreign)));
        assertTrue(soapRefusal.getMessage().contains("401"), soapRefusal.getMessage());

        String valid = processToken(null);
        String[] parts = valid.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"client_id\":\"billing-system\"", "\"client_id\":\"demo\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertEquals(401, signPdf(forged).statusCode(), "a token whose claims were changed to name the admin");
        assertEquals(401, signPdf(valid.substring(0, valid.length() - 4) + "AAAA").statusCode(), "a token with a broken signature");

        Path tokenFile = Files.writeString(dir.resolve("foreign"), foreign);
        Path in = Files.write(dir.resolve("x.pdf"), TestDocuments.pdf(1, "x"));
        CommandLineIT.Result cli = CommandLineIT.run(dir, Map.of("SIGNET_URL", SignetServer.HTTP.toString()),
                "sign", "--seal", "oidc-invoices", "--in", in.toString(), "--token-file", tokenFile.toString());
        assertEquals(3, cli.exitCode(), cli.stdout() + cli.stderr());
        assertTrue(cli.stderr().contains("NOT_AUTHENTICATED"), cli.stderr());

        String stranger = token("grant_type", "client_credentials", "client_id", "stranger-system", "client_secret", "stranger-system-secret");
        assertEquals(401, signPdf(stranger).statusCode(), "a token for Signet naming a user Signet does not know");

        // A Signet user disabled: the token names nobody who may sign.
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/oidc-clerk/enabled", "{\"enabled\":false}").statusCode());
        try {
            assertEquals(401, signPdf(personToken()).statusCode(), "a disabled user's token");
        } finally {
            assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/oidc-clerk/enabled", "{\"enabled\":true}").statusCode());
        }
        assertEquals(200, signPdf(personToken()).statusCode(), "enabled again");
    }

    @Test
    void aSealThatRequiresAScopeSignsOnlyForATokenGrantingIt() throws Exception {
        assertEquals(400, SignetServer.admin("PUT", "/signet/api/admin/seals/oidc-invoices/token-scope", "{\"scope\":\"two scopes\"}").statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/oidc-invoices/token-scope", "{\"scope\":\"seal:invoices\"}").statusCode());
        try {
            HttpResponse<byte[]> without = signPdf(processToken(null));
            assertEquals(403, without.statusCode());
            assertTrue(SignetServer.text(without).contains("granting scope 'seal:invoices'"), SignetServer.text(without));
            assertTrue(SignetServer.audited("\"actor\":\"billing-system\"", "\"outcome\":\"REFUSED\"", "granting scope"), "the refusal is audited");
            assertEquals(200, signPdf(processToken("seal:invoices")).statusCode(), "a token granting the scope");
            SignetFault soapRefusal = assertThrows(SignetFault.class, () -> soapSign(soap(personToken())));
            assertTrue(soapRefusal.getMessage().contains("granting scope"), soapRefusal.getMessage());
            assertTrue(soapSign(soap(processToken("seal:invoices"))).getDocument().getInputStream().readAllBytes().length > 0);

            String who = SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/seals/oidc-invoices/authorisations", null));
            assertTrue(who.contains("\"tokenScope\":\"seal:invoices\""), who);
            // a password is refused too: the seal asks for the provider's token, whoever the caller is
            HttpResponse<byte[]> byPassword = SignetServer.send("POST", "/signet/api/sign/pdf?seal=oidc-invoices", SignetServer.DEMO_USER,
                    SignetServer.demoPassword(), "application/pdf", TestDocuments.pdf(1, "x"));
            assertEquals(403, byPassword.statusCode(), SignetServer.text(byPassword));
            assertTrue(SignetServer.text(byPassword).contains("this one came with a password"), SignetServer.text(byPassword));
        } finally {
            assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/oidc-invoices/token-scope", "{}").statusCode());
        }
    }

    /**
     * Signet as the OAuth 2.0 client of a remote signature service: the token registered with the provider's client ID
     * and secret (its own CSC face here, whose info names the provider as its issuer) takes a client-credentials token
     * at the endpoint the provider's metadata names, and a seal over the credential signs a PDF that pdfsig accepts,
     * made by the service for the process the provider's token names. A wrong secret registers nothing and is not echoed.
     */
    @Test
    void aRemoteTokenLogsInWithClientCredentialsAtTheServicesProvider() throws Exception {
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/oidc-remote", "{\"formats\":[\"HASH\"],\"maxLevel\":\"B\"}")
                .statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/oidc-remote/users/billing-system", null).statusCode());
        String service = SignetServer.HTTP.resolve("/signet/api/csc/v2/").toString();

        HttpResponse<byte[]> wrong = SignetServer.admin("PUT", "/signet/api/admin/tokens/provider-wrong", "{\"service\":\"" + service
                + "\",\"login\":\"oauth2-client\",\"account\":\"billing-system\",\"password\":\"not-the-client-secret\"}");
        assertEquals(503, wrong.statusCode(), SignetServer.text(wrong));
        assertTrue(SignetServer.text(wrong).contains("refused oauth2/token (HTTP 401)") && !SignetServer.text(wrong).contains("not-the-client-secret"),
                SignetServer.text(wrong));
        HttpResponse<byte[]> unknownLogin = SignetServer.admin("PUT", "/signet/api/admin/tokens/provider-wrong", "{\"service\":\"" + service
                + "\",\"login\":\"saml\",\"account\":\"billing-system\",\"password\":\"billing-system-secret\"}");
        assertEquals(400, unknownLogin.statusCode(), SignetServer.text(unknownLogin));
        assertTrue(SignetServer.text(unknownLogin).contains("not basic or oauth2-client"), SignetServer.text(unknownLogin));

        Path secretFile = Files.writeString(dir.resolve("client-secret"), "billing-system-secret\n");
        CommandLineIT.Result registered = CommandLineIT.run(dir, Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER",
                SignetServer.DEMO_USER, "SIGNET_PASSWORD", SignetServer.demoPassword()), "keys", "remote", "--token", "provider-client",
                "--service", service, "--login", "oauth2-client", "--account", "billing-system", "--password-file", secretFile.toString());
        assertEquals(0, registered.exitCode(), registered.stdout() + registered.stderr());
        assertTrue(SignetServer.audited("\"action\":\"TOKEN_REGISTERED\"", "remote signature service 'provider-client'",
                "as OAuth 2.0 client billing-system", "oidc-remote"), "the registration is not audited");
        HttpResponse<byte[]> seal = SignetServer.admin("PUT", "/signet/api/admin/seals/via-provider",
                "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\",\"keys\":[\"provider-client/oidc-remote\"]}");
        assertEquals(201, seal.statusCode(), SignetServer.text(seal));
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/via-provider/users/demo", null).statusCode());

        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/pdf?seal=via-provider", "application/pdf",
                TestDocuments.pdf(1, "signed with a credential reached through OAuth 2.0"));
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "provider.pdf", signed.body()));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        assertTrue(SignetServer.audited("\"action\":\"SIGN\"", "\"actor\":\"billing-system\"", "\"seal\":\"oidc-remote\"", "HASH level B"),
                "the service did not sign for the process the provider's token names");
    }
}
