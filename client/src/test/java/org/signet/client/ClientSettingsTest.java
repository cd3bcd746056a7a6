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
}
