package org.signet.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientSettingsTest {

    @TempDir
    Path dir;

    @Test
    void optionsBeatEnvironmentWhichBeatsTheConfigFile() throws Exception {
        Path config = Files.writeString(dir.resolve("c.properties"), "url=http://file:1\nuser=fileuser\npassword=filepw\n");
        ClientSettings fromFile = ClientSettings.resolve(Map.of("config", config.toString()), Map.of());
        assertEquals("http://file:1/signet-soap/SigningService", fromFile.endpoint().toString());
        assertEquals("fileuser", fromFile.user());

        ClientSettings fromEnv = ClientSettings.resolve(Map.of("config", config.toString()),
                Map.of("SIGNET_USER", "envuser", "SIGNET_URL", "https://signet.example:8443/"));
        assertEquals("envuser", fromEnv.user());
        assertEquals("filepw", fromEnv.password());
        assertEquals("https://signet.example:8443/signet-soap/SigningService", fromEnv.endpoint().toString());
        assertEquals("https://signet.example:8443/signet/tsa", fromEnv.tsa().toString());

        ClientSettings fromOption = ClientSettings.resolve(Map.of("config", config.toString(), "user", "optuser"),
                Map.of("SIGNET_USER", "envuser"));
        assertEquals("optuser", fromOption.user());
    }

    @Test
    void missingPiecesAreNamed() {
        UsageException noUrl = assertThrows(UsageException.class,
                () -> ClientSettings.resolve(Map.of("config", dir.resolve("absent").toString()), Map.of()));
        assertTrue(noUrl.getMessage().contains("does not exist"));
        Map<String, String> home = Map.of("SIGNET_URL", "ftp://x");
        assertTrue(assertThrows(UsageException.class, () -> ClientSettings.resolve(Map.of("user", "u", "password", "p"), home))
                .getMessage().contains("not an http(s) URL"));
        assertTrue(assertThrows(UsageException.class, () -> ClientSettings.resolve(Map.of(), Map.of("SIGNET_URL", "http://x")))
                .getMessage().contains("no credentials"));
    }

    @Test
    void aClientCertificateIsTheCredentialOverHttpsAlone() throws Exception {
        Path key = dir.resolve("client.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=invoicing", "-keystore", key.toString(), "-storetype", "PKCS12", "-storepass", "client-secret")
                .redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        Path password = Files.writeString(dir.resolve("password"), "client-secret\n");
        Map<String, String> https = Map.of("SIGNET_URL", "https://signet.example:8443");

        ClientSettings byCertificate = ClientSettings.resolve(alone("client-key", key.toString(),
                "client-key-password-file", password.toString()), https);
        assertEquals(null, byCertificate.authorization(), "no Authorization header: the certificate is the credential");
        assertTrue(byCertificate.tls() != null);
        ClientSettings both = ClientSettings.resolve(alone("user", "u", "password", "p"),
                Map.of("SIGNET_URL", "https://signet.example:8443", "SIGNET_CLIENT_KEY", key.toString(),
                        "SIGNET_CLIENT_KEY_PASSWORD_FILE", password.toString()));
        assertTrue(both.authorization().startsWith("Basic "), "a password beside the certificate is still sent");

        assertTrue(refused(alone("client-key", key.toString(), "client-key-password-file", password.toString()),
                Map.of("SIGNET_URL", "http://signet.example:8080")).contains("over https only"));
        assertTrue(refused(alone("client-key", key.toString()), https).contains("needs --client-key-password-file"));
        Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-password");
        assertTrue(refused(alone("client-key", key.toString(), "client-key-password-file", wrong.toString()), https)
                .contains("cannot open the client key"));
        Path notPkcs12 = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");
        assertTrue(refused(alone("client-key", notPkcs12.toString(), "client-key-password-file", password.toString()), https)
                .contains("cannot open the client key"));
    }

    private String refused(Map<String, String> options, Map<String, String> env) {
        return assertThrows(UsageException.class, () -> ClientSettings.resolve(options, env)).getMessage();
    }

    /** The options with an empty config file, so that one in this machine's home adds nothing. */
    private Map<String, String> alone(String... options) throws Exception {
        Map<String, String> all = new java.util.HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            all.put(options[i], options[i + 1]);
        }
        all.put("config", Files.writeString(dir.resolve("empty.properties"), "").toString());
        return all;
    }
}
