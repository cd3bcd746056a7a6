package org.signet.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SoftHSM2 tokens src/test/softhsm/init-tokens.sh made, and the admin calls the key tests share. */
final class Tokens {

    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

    private Tokens() { }

    static Path softhsm() {
        return Path.of(System.getProperty("softhsm.dir"));
    }

    static String slot(String label) {
        return properties("slots.properties").getProperty(label);
    }

    /** OpenSC's PKCS#11 spy module, which forwards to SoftHSM and records every call in spy.log. */
    static String spyLibrary() {
        return properties("spy.properties").getProperty("spy");
    }

    private static Properties properties(String file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(softhsm().resolve(file))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Registers a SoftHSM token by its label; {@code extra} adds JSON members such as "mode". */
    static void register(String name, String label, String pin, String extra) {
        HttpResponse<byte[]> registered = admin("PUT", "/signet/api/admin/tokens/" + name,
                "{\"library\":\"" + LIBRARY + "\",\"slot\":\"" + slot(label) + "\""
                        + (pin == null ? "" : ",\"pin\":\"" + pin + "\"") + (extra == null ? "" : "," + extra) + "}");
        assertEquals(201, registered.statusCode(), SignetServer.text(registered));
    }

    /** A seal for PAdES and CAdES over the keys ("token/alias", quoted and comma-separated), usable by demo. */
    static void createSeal(String name, String keys) {
        HttpResponse<byte[]> created = admin("PUT", "/signet/api/admin/seals/" + name,
                "{\"description\":\"test\",\"formats\":[\"PADES\",\"CADES\"],\"maxLevel\":\"LTA\",\"keys\":[" + keys + "]}");
        assertEquals(201, created.statusCode(), SignetServer.text(created));
        assertEquals(204, SignetServer.send("PUT", "/signet/api/admin/seals/" + name + "/users/demo", "demo", SignetServer.demoPassword(),
                null, null).statusCode());
    }

    static void makeKey(String token, String alias, String subject) {
        HttpResponse<byte[]> made = admin("POST", "/signet/api/admin/tokens/" + token + "/keys/" + alias,
                "{\"keySize\":2048,\"subject\":\"" + subject + "\"}");
        assertEquals(201, made.statusCode(), SignetServer.text(made));
    }

    static HttpResponse<byte[]> admin(String method, String path, String json) {
        return SignetServer.send(method, path, "demo", SignetServer.demoPassword(), json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    static String keys() {
        return SignetServer.text(admin("GET", "/signet/api/admin/keys", null));
    }

    /** The JSON object of one key in the key list. */
    static String key(String token, String alias) {
        String keys = keys();
        Matcher m = Pattern.compile("\\{[^{}]*\"alias\":\"" + alias + "\"[^{}]*\\}").matcher(keys);
        while (m.find()) {
            if (m.group().contains("\"token\":\"" + token + "\"")) {
                return m.group();
            }
        }
        throw new AssertionError("no key " + token + "/" + alias + " in " + keys);
    }

    /** The first entry of a token in the key list (a locked card with no key known yet has one without alias). */
    static String entry(String token) {
        Matcher m = Pattern.compile("\\{[^{}]*\"token\":\"" + token + "\"[^{}]*\\}").matcher(keys());
        if (!m.find()) {
            throw new AssertionError("no token " + token + " in " + keys());
        }
        return m.group();
    }

    static long counter(String token, String alias) {
        String key = key(token, alias);
        Matcher count = Pattern.compile("\"signatures\":(\\d+)").matcher(key);
        assertTrue(count.find(), key);
        return Long.parseLong(count.group(1));
    }
}
