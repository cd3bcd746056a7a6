package org.signet.it;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web pages in a real browser: Debian's Chromium, headless, driven through its chromedriver. A person signs in with
 * password and one-time code (oathtool computes it), seals a PDF with a visible stamp and downloads it (pdfsig checks
 * it), verifies it and a changed copy; an admin authorises a user for a seal and withdraws it again; a German browser
 * gets German pages. Screenshots of each page land in target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebPagesIT {

    private static final String CLERK = "clerk-web";
    private static final String PASSWORD = "clerk-web-password";
    /** The PIN init-tokens.sh gave the "console-card" token */
    private static final String CONSOLE_CARD_PIN = "mass-pin-1357";
    private static final Path SCREENSHOTS = Path.of(System.getProperty("signet.it.dir", "target"), "screenshots");

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void aPersonSignsInWithTheOneTimeCodeSealsAPdfAndVerifiesIt() throws Exception {
        SignetServer.putUser(CLERK, PASSWORD, "signer");
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/demo/users/" + CLERK, null).statusCode());
        HttpResponse<byte[]> enrolled = SignetServer.send("POST", "/signet/api/authenticator", CLERK, PASSWORD, null, null);
        assertEquals(200, enrolled.statusCode(), SignetServer.text(enrolled));
        String secret = JsonFields.text(SignetServer.text(enrolled), "secret");
        assertEquals(204, SignetServer.send("POST", "/signet/api/authenticator/confirmation", CLERK, PASSWORD, "application/json",
                ("{\"code\":\"" + SealConditionsIT.oathtool(secret, "now") + "\"}").getBytes(StandardCharsets.UTF_8)).statusCode());

        WebDriver browser = browser("en-GB");
        browser.get(url("/signet/console/seal.xhtml"));
        assertTrue(browser.getCurrentUrl().endsWith("/signet/console/sign-in.xhtml"), "a page sends a stranger to sign in: "
                + browser.getCurrentUrl());
        screenshot(browser, "sign-in");

        signIn(browser, CLERK, PASSWORD, "");
        assertEquals("The user name, password or one-time code is not right.", error(browser),
                "the password alone does not sign in a user with an authenticator");
        signIn(browser, CLERK, "wrong-password", SealConditionsIT.oathtool(secret, "now + 30 seconds"));
        assertEquals("The user name, password or one-time code is not right.", error(browser), "the same words for every failure");
        signIn(browser, CLERK, PASSWORD, SealConditionsIT.oathtool(secret, "now + 30 seconds"));
        assertEquals(CLERK, browser.findElement(By.id("signed-in-as")).getText());
        assertTrue(browser.getCurrentUrl().endsWith("/signet/console/seal.xhtml"), "signed in, the browser is at the page it asked for: "
                + browser.getCurrentUrl());
        browser.get(url("/signet/console/index.xhtml"));
        assertTrue(browser.findElements(By.cssSelector(".seal-name")).stream().anyMatch(e -> e.getText().equals("demo")),
                "the seals page lists the seal the clerk may use");
        assertTrue(browser.findElements(By.id("nav-authorisations")).isEmpty(), "no admin pages for a signer");
        screenshot(browser, "seals");

        browser.findElement(By.id("nav-seal")).click();
        byte[] pdf = TestDocuments.pdf(1, "Contract sealed in the browser");
        Path upload = OutsideVerifiers.write(dir, "contract.pdf", pdf);
        browser.findElement(By.cssSelector("#seal input[type=file]")).sendKeys(upload.toString());
        WebElement picture = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("page-preview")));
        // drag from (120, 300) to (360, 390) in page points: the picture's pixels scaled by its width in points (A4: 595);
        // the window shows the whole picture, whose in-view centre is then its centre
        double pixelsPerPoint = picture.getSize().getWidth() / 595.0;
        new Actions(browser).moveToElement(picture, (int) (120 * pixelsPerPoint) - picture.getSize().getWidth() / 2,
                        (int) (300 * pixelsPerPoint) - picture.getSize().getHeight() / 2)
                .clickAndHold().moveByOffset((int) (240 * pixelsPerPoint), (int) (90 * pixelsPerPoint)).release().perform();
        String[] rect = browser.findElement(By.id("seal:rect")).getAttribute("value").split(",");
        assertEquals(4, rect.length, "the dragged rectangle fills the position field; the browser said "
                + browser.manage().logs().get(LogType.BROWSER).getAll());
        choose(browser, "seal:sealName", "demo"); // other test classes' seals may come first in the list
        // the stamp's look, drawn by the server for the demo seal, fills the dragged rectangle
        WebElement look = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("stamp-look")));
        assertEquals(240.0 / 90, (double) look.getSize().getWidth() / look.getSize().getHeight(), 0.15, "the look fills the rectangle");
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                look.getAttribute("src").substring("data:image/png;base64,".length()))));
        assertEquals(240.0 / 90, (double) drawn.getWidth() / drawn.getHeight(), 0.05, "drawn for the rectangle's proportions");
        assertTrue(darkPixels(drawn, drawn.getWidth() / 10f, drawn.getHeight() / 10f, drawn.getWidth() * 0.8f, drawn.getHeight() * 0.8f) > 200,
                "the stamp's text is in the look, not only its frame");
        screenshot(browser, "seal");
        float[] r = new float[4];
        for (int i = 0; i < 4; i++) {
            r[i] = Float.parseFloat(rect[i]);
        }
        assertEquals(120, r[0], 3);
        assertEquals(300, r[1], 3);
        assertEquals(240, r[2], 3);
        assertEquals(90, r[3], 3);
        browser.findElement(By.id("seal:sign")).click();
        Path signed = downloaded("contract");
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(signed);
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        // poppler draws the stamp where it was dragged: dark pixels (its text) inside the rectangle, none around it
        BufferedImage before = rendered(upload);
        BufferedImage after = rendered(signed);
        assertEquals(0, darkPixels(before, r[0], r[1], r[2], r[3]), "the page is empty where the stamp goes");
        assertTrue(darkPixels(after, r[0] + 2, r[1] + 2, r[2] - 4, r[3] - 4) > 50, "no stamp inside the dragged rectangle");
        assertEquals(0, darkPixels(after, r[0], r[1] + r[3] + 4, r[2], 60), "the stamp reaches below the dragged rectangle");
        assertEquals(0, darkPixels(after, r[0] + r[2] + 4, r[1], 60, r[3]), "the stamp reaches right of the dragged rectangle");
        assertTrue(SignetServer.audited("\"actor\":\"" + CLERK + "\"", "SIGNED_IN", "one-time code"), "the sign-in is audited");

        browser.findElement(By.id("nav-verify")).click();
        browser.findElement(By.cssSelector("#verify input[type=file][id$='document_input']")).sendKeys(signed.toString());
        browser.findElement(By.id("verify:check")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertEquals("Every signature is valid.", browser.findElement(By.id("verdict")).getText());
        assertTrue(browser.findElement(By.cssSelector(".status")).getText().startsWith("0 valid"),
                browser.findElement(By.cssSelector(".status")).getText());
        assertTrue(browser.findElement(By.cssSelector(".certificate-subject")).getText().contains("Signet Demo Seal"),
                "the signer's certificate is shown: " + browser.findElement(By.cssSelector(".certificate-subject")).getText());
        screenshot(browser, "verify-valid");
        browser.findElement(By.id("report:etsi")).click();
        String etsi = Files.readString(downloaded("etsi-validation-report"));
        assertTrue(etsi.contains("ValidationReport") && etsi.contains("urn:etsi:019102"), etsi.substring(0, Math.min(300, etsi.length())));

        Path changed = OutsideVerifiers.write(dir, "contract-changed.pdf",
                TestDocuments.changedAfterSigning(Files.readAllBytes(signed), "Contract sealed"));
        browser.findElement(By.cssSelector("#verify input[type=file][id$='document_input']")).sendKeys(changed.toString());
        browser.findElement(By.id("verify:check")).click();
        wait(browser).until(ExpectedConditions.textToBe(By.id("verdict"), "Not every signature is valid."));
        String status = browser.findElement(By.cssSelector(".status")).getText();
        assertFalse(status.startsWith("0"), "a changed file is not valid: " + status);
        screenshot(browser, "verify-changed");

        // the archive's evidence record of the signed file, as the API gives it, once the day's tree is sealed
        HttpResponse<byte[]> sealed = SignetServer.admin("POST", "/signet/api/archive/seal", null);
        assertEquals(200, sealed.statusCode());
        String root = JsonFields.text(SignetServer.text(sealed), "rootSha256");
        browser.findElement(By.id("nav-archive")).click();
        assertTrue(browser.findElement(By.id("archive-state")).getText().contains("entries in"), browser.findElement(By.id("archive-state")).getText());
        String trees = browser.findElement(By.id("trees")).getText();
        assertTrue(trees.contains(root.substring(0, 16)) && trees.contains("SHA-256"), "the tree sealed just now with its hash algorithm: " + trees);
        browser.findElement(By.cssSelector("#archive input[type=file]")).sendKeys(signed.toString());
        browser.findElement(By.id("archive:evidence")).click();
        byte[] record = Files.readAllBytes(downloaded(signed.getFileName() + ".ers"));
        HttpResponse<byte[]> fromApi = SignetServer.send("POST", "/signet/api/archive/evidence", CLERK, PASSWORD, "application/octet-stream",
                Files.readAllBytes(signed));
        assertEquals(200, fromApi.statusCode(), SignetServer.text(fromApi));
        assertEquals(0x30, record[0] & 0xff, "a DER evidence record");
        assertEquals(new String(fromApi.body(), StandardCharsets.ISO_8859_1), new String(record, StandardCharsets.ISO_8859_1),
                "the page gives the record the API gives");
        screenshot(browser, "archive");

        browser.findElement(By.id("sign-out:sign-out-button")).click();
        browser.get(url("/signet/console/index.xhtml"));
        assertTrue(browser.getCurrentUrl().endsWith("/signet/console/sign-in.xhtml"), "signed out: " + browser.getCurrentUrl());
    }

    @Test
    void anAdminAuthorisesAUserForASealAndWithdrawsIt() throws Exception {
        SignetServer.putUser("clerk-web-2", "clerk-web-2-password", "signer");
        WebDriver browser = signedInAsDemo();
        browser.findElement(By.id("nav-authorisations")).click();
        choose(browser, "authorisations:sealName", "demo");
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("authorisations:principal")));
        browser.findElement(By.id("authorisations:principal")).sendKeys("clerk-web-2");
        browser.findElement(By.id("authorisations:authorise")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("given"), "clerk-web-2"));
        screenshot(browser, "authorisations");
        assertTrue(SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/seals/demo/authorisations", null)).contains("clerk-web-2"));

        WebElement withdraw = browser.findElements(By.cssSelector("#given li")).stream()
                .filter(li -> li.findElement(By.cssSelector(".principal")).getText().equals("clerk-web-2")).findFirst()
                .orElseThrow().findElement(By.tagName("a"));
        withdraw.click();
        wait(browser).until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("given"), "clerk-web-2")));
        assertFalse(SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/seals/demo/authorisations", null)).contains("clerk-web-2"));

        browser.findElement(By.id("authorisations:principal")).sendKeys("nobody-group");
        choose(browser, "authorisations:kind", "Group");
        browser.findElement(By.id("authorisations:authorise")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error")));
        assertEquals("there is no group named 'nobody-group'", error(browser), "a refusal in the service's words");

        // a new seal with a key from Signet's CA, a condition, a user, and its certificate revoked
        browser.findElement(By.id("authorisations:newName")).sendKeys("web-seal");
        browser.findElement(By.id("authorisations:newDescription")).sendKeys("made in the web pages");
        browser.findElement(By.id("authorisations:create")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info"), "web-seal: seal created"));
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("authorisations:secondFactor")));
        choose(browser, "authorisations:secondFactor", "TOTP");
        browser.findElement(By.id("authorisations:hours")).sendKeys("Mon-Sun 00:00-24:00");
        browser.findElement(By.id("authorisations:zone")).sendKeys("Europe/Berlin");
        browser.findElement(By.id("authorisations:save-conditions")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info"), "conditions saved"));
        String given = SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/seals/web-seal/authorisations", null));
        assertTrue(given.contains("\"secondFactor\":\"totp\"") && given.contains("Europe/Berlin"), given);
        choose(browser, "authorisations:kind", "User");
        browser.findElement(By.id("authorisations:principal")).clear();
        browser.findElement(By.id("authorisations:principal")).sendKeys(SignetServer.DEMO_USER);
        browser.findElement(By.id("authorisations:authorise")).click();
        wait(browser).until(d -> d.findElements(By.cssSelector("#given .principal")).stream()
                .anyMatch(e -> e.getText().equals(SignetServer.DEMO_USER)));
        screenshot(browser, "seals");

        browser.findElement(By.id("authorisations:revoke")).click();
        wait(browser).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info"), "certificate revoked"));
        HttpResponse<byte[]> refused = SignetServer.send("POST", "/signet/api/sign/pdf?seal=web-seal", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), "application/pdf", TestDocuments.pdf(1, "after revocation"),
                Map.of("X-Signet-One-Time-Code", "000000"));
        assertTrue(refused.statusCode() >= 400, "a revoked seal signs nothing: " + refused.statusCode());
        assertTrue(SignetServer.audited("SEAL_REVOKED", "web-seal"), "the revocation is audited");
    }

    @Test
    void aSignerIsRefusedTheAdminPagesAndAGermanBrowserGetsGermanPages() throws IOException {
        SignetServer.putUser("clerk-web-3", "clerk-web-3-password", "signer");
        WebDriver browser = browser("de-DE");
        browser.get(url("/signet/console/index.xhtml"));
        assertEquals("Anmelden", browser.findElement(By.tagName("h1")).getText());
        signIn(browser, "clerk-web-3", "clerk-web-3-password", "");
        assertEquals("Ihre Siegel", browser.findElement(By.tagName("h1")).getText());
        browser.get(url("/signet/console/authorisations.xhtml"));
        assertTrue(error(browser).contains("admin"), "the service refuses a signer: " + error(browser));
        assertTrue(SignetServer.audited("\"actor\":\"clerk-web-3\"", "\"outcome\":\"REFUSED\""), "the refusal is audited");
    }

    /** A seal's conditions hold for the pages as for the API: one bound to other computers seals nothing from here. */
    @Test
    void aSealBoundToOtherComputersSealsNothingFromThePages() throws Exception {
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/pages-desk", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}")
                .statusCode());
        SignetServer.putUser("clerk-web-4", "clerk-web-4-password", "signer");
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/pages-desk/users/clerk-web-4", null).statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/pages-desk/clients", "{\"clients\":[\"192.0.2.0/24\"]}")
                .statusCode());
        WebDriver browser = browser("en-GB");
        browser.get(url("/signet/console/seal.xhtml"));
        signIn(browser, "clerk-web-4", "clerk-web-4-password", "");
        Path upload = OutsideVerifiers.write(dir, "desk.pdf", TestDocuments.pdf(1, "sealed at another desk"));
        browser.findElement(By.cssSelector("#seal input[type=file]")).sendKeys(upload.toString());
        wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("page-preview")));
        choose(browser, "seal:sealName", "pages-desk");
        WebElement sign = browser.findElement(By.id("seal:sign"));
        sign.click();
        wait(browser).until(gone(sign));
        assertTrue(error(browser).contains("signs only for requests from 192.0.2.0/24; this one came from 127.0.0.1"), error(browser));
        assertTrue(SignetServer.audited("\"actor\":\"clerk-web-4\"", "\"seal\":\"pages-desk\"", "came from 127.0.0.1"));
    }

    @Test
    void anAdminActivatesAMassSignatureCardWithItsPinTestsAKeyAndChecksTheAuditTrail() throws Exception {
        Tokens.register("console-card", "console-card", null, "\"mode\":\"mass-card\",\"activationSignatures\":5");
        WebDriver browser = signedInAsDemo();
        browser.findElement(By.id("nav-keys")).click();
        assertTrue(state(browser, "console-card").contains("locked"), state(browser, "console-card"));

        choose(browser, "keys:token", "console-card");
        browser.findElement(By.id("keys:pin")).sendKeys("console-wrong-8642");
        browser.findElement(By.id("keys:activate")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error")));
        assertTrue(state(browser, "console-card").contains("locked"), "a wrong PIN leaves the card locked");

        choose(browser, "keys:token", "console-card");
        browser.findElement(By.id("keys:pin")).sendKeys(CONSOLE_CARD_PIN);
        browser.findElement(By.id("keys:activate")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info"), "console-card: in service"));
        assertFalse(state(browser, "console-card").contains("locked"), state(browser, "console-card"));
        assertTrue(Tokens.entry("console-card").contains("signatures left") || !Tokens.entry("console-card").contains("locked"),
                "the API agrees: " + Tokens.entry("console-card"));
        screenshot(browser, "keys");

        // an HSM partition registered, a key made in it and certified by an outside CA, and limited
        browser.findElement(By.id("register:name")).sendKeys("console-hsm");
        browser.findElement(By.id("register:slot")).sendKeys(Tokens.slot("console-hsm"));
        browser.findElement(By.id("register:hsm-pin")).sendKeys(CONSOLE_CARD_PIN);
        browser.findElement(By.id("register:register")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info"), "console-hsm: token registered"));
        choose(browser, "certify:token", "console-hsm");
        browser.findElement(By.id("certify:alias")).sendKeys("web-key");
        browser.findElement(By.id("certify:subject")).sendKeys("CN=Web Certified Seal,O=Signet Test");
        browser.findElement(By.id("certify:request")).click();
        Path csr = downloaded("web-key.csr");
        OutsideVerifiers.Run checked = OutsideVerifiers.run(List.of("openssl", "req", "-in", csr.toString(), "-noout", "-verify", "-subject"));
        assertTrue(checked.exitCode() == 0 && checked.output().contains("Web Certified Seal"), checked.output());
        Path ca = Tokens.softhsm().resolve("outside-ca");
        Path issued = dir.resolve("web-key.pem");
        OutsideVerifiers.Run certified = OutsideVerifiers.run(List.of("openssl", "x509", "-req", "-in", csr.toString(), "-CA",
                ca.resolve("ca.pem").toString(), "-CAkey", ca.resolve("ca.key").toString(), "-CAcreateserial", "-days", "30",
                "-extfile", ca.resolve("signer.ext").toString(), "-out", issued.toString()));
        assertEquals(0, certified.exitCode(), certified.output());
        Path chain = Files.writeString(dir.resolve("web-key-chain.pem"), Files.readString(issued) + Files.readString(ca.resolve("ca.pem")));
        choose(browser, "certify:token", "console-hsm");
        browser.findElement(By.id("certify:alias")).clear();
        browser.findElement(By.id("certify:alias")).sendKeys("web-key");
        browser.findElement(By.cssSelector("#certify input[type=file]")).sendKeys(chain.toString());
        browser.findElement(By.id("certify:import")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info"), "CN=Web Certified Seal"));
        choose(browser, "limits:key", "console-hsm/web-key");
        browser.findElement(By.id("limits:max_input")).sendKeys("2");
        browser.findElement(By.id("limits:from")).sendKeys("2026-01-01");
        browser.findElement(By.id("limits:until")).sendKeys("2030-12-31");
        browser.findElement(By.id("limits:set")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info"), "limits set"));
        String limited = Tokens.key("console-hsm", "web-key");
        assertTrue(limited.contains("\"maxSignatures\":2")
                && (limited.contains("\"usableFrom\":\"2025-12-31T") || limited.contains("\"usableFrom\":\"2026-01-01T"))
                && (limited.contains("\"usableUntil\":\"2030-12-31T") || limited.contains("\"usableUntil\":\"2031-01-01T")),
                "the API sees the certified key with its limits: " + limited);
        assertTrue(browser.findElement(By.id("keys:list")).getText().contains("2030-12-31") || browser.findElement(By.id("keys:list")).getText().contains("2031-01-01"),
                "the page shows the key's days");

        // a remote signature service (CSC) allowed by the configuration: Signet's own, with the demo user's account
        browser.findElement(By.id("remote:name")).sendKeys("console-remote");
        choose(browser, "remote:service", "http://localhost:8180/signet/api/csc/v2/");
        browser.findElement(By.id("remote:account")).sendKeys(SignetServer.DEMO_USER);
        browser.findElement(By.id("remote:password")).sendKeys(SignetServer.demoPassword());
        browser.findElement(By.id("remote:register")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info"), "console-remote: token registered"));
        assertTrue(Tokens.entry("console-remote").contains("\"token\":\"console-remote\""), Tokens.entry("console-remote"));

        browser.findElements(By.cssSelector("#keys\\:list tbody tr")).stream()
                .filter(row -> row.findElement(By.cssSelector(".token")).getText().equals("demo")).findFirst().orElseThrow()
                .findElement(By.cssSelector(".test-key")).click();
        wait(browser).until(ExpectedConditions.textMatches(By.cssSelector(".ui-messages-info"), java.util.regex.Pattern.compile("ms\\)")));

        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        String logged = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertFalse(logged.contains("console-wrong-8642") || logged.contains(CONSOLE_CARD_PIN), "a PIN typed into the page reached the log");
        assertFalse(SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/audit?limit=1000", null)).contains("console-wrong-8642"));

        browser.findElement(By.id("nav-audit")).click();
        browser.findElement(By.id("audit:check")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("check-result")));
        assertTrue(browser.findElement(By.id("check-result")).getText().startsWith("The audit trail is intact."),
                browser.findElement(By.id("check-result")).getText());
        assertTrue(browser.findElements(By.cssSelector(".audit-action")).stream().anyMatch(e -> e.getText().equals("TOKEN_ACTIVATED")),
                "the activation is in the trail shown");
        screenshot(browser, "audit");
        browser.findElement(By.id("audit:export")).click();
        String csv = Files.readString(downloaded("signet-audit"));
        assertTrue(csv.contains("TOKEN_ACTIVATED") && csv.contains("AUDIT_CHECKED"), csv.substring(0, Math.min(400, csv.length())));
    }

    @Test
    void aUserEnrolsAnAuthenticatorAndThenSignsInWithItsCode() throws Exception {
        SignetServer.putUser("clerk-web-4", "clerk-web-4-password", "signer");
        WebDriver browser = browser("en-GB");
        browser.get(url("/signet/console/index.xhtml"));
        signIn(browser, "clerk-web-4", "clerk-web-4-password", "");
        browser.findElement(By.id("nav-authenticator")).click();
        browser.findElement(By.id("authenticator:enrol")).click();
        String secret = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("secret"))).getText();
        WebElement qr = browser.findElement(By.id("qr"));
        assertTrue(qr.getAttribute("alt").startsWith("otpauth://totp/Signet%3Aclerk-web-4?secret=" + secret), qr.getAttribute("alt"));
        assertEquals(10, browser.findElements(By.cssSelector("#recovery li")).size(), "recovery codes are shown once");
        screenshot(browser, "authenticator");
        browser.findElement(By.id("authenticator:code")).sendKeys(SealConditionsIT.oathtool(secret, "now"));
        browser.findElement(By.id("authenticator:confirm")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "You have an authenticator"));

        browser.findElement(By.id("sign-out:sign-out-button")).click();
        browser.get(url("/signet/console/index.xhtml"));
        signIn(browser, "clerk-web-4", "clerk-web-4-password", "");
        assertEquals("The user name, password or one-time code is not right.", error(browser), "now the code is required");
        signIn(browser, "clerk-web-4", "clerk-web-4-password", SealConditionsIT.oathtool(secret, "now + 30 seconds"));
        assertEquals("clerk-web-4", browser.findElement(By.id("signed-in-as")).getText());

        // the device is lost: an admin removes the authenticator, and the password alone signs the user in again
        WebDriver admin = signedInAsDemo();
        admin.findElement(By.id("nav-users")).click();
        userRow(admin, "clerk-web-4").findElement(By.cssSelector(".authenticator-reset")).click();
        wait(admin).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
        wait(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info"), "authenticator removed"));
        browser.findElement(By.id("sign-out:sign-out-button")).click();
        browser.get(url("/signet/console/index.xhtml"));
        signIn(browser, "clerk-web-4", "clerk-web-4-password", "");
        assertEquals("clerk-web-4", browser.findElement(By.id("signed-in-as")).getText());
    }

    @Test
    void anAdminAddsAHotFolderWatchesItsBatchAndManagesAUser() throws Exception {
        WebDriver browser = signedInAsDemo();

        browser.findElement(By.id("nav-users")).click();
        browser.findElement(By.id("users:name")).sendKeys("clerk-web-5");
        browser.findElement(By.id("users:password")).sendKeys("clerk-web-5-password");
        browser.findElement(By.xpath("//*[@id='users:roles']//label[text()='signer']")).click();
        browser.findElement(By.id("users:save")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info"), "clerk-web-5"));
        assertEquals(200, SignetServer.send("GET", "/signet/api/seals", "clerk-web-5", "clerk-web-5-password", null, null).statusCode(),
                "the user made in the page signs in over the API");
        WebElement row = userRow(browser, "clerk-web-5");
        row.findElement(By.cssSelector(".user-toggle")).click();
        wait(browser).until(d -> userRow(d, "clerk-web-5").findElement(By.cssSelector(".user-enabled")).getText().equals("no"));
        assertTrue(SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/users", null))
                .matches("(?s).*\\{[^{}]*\"name\":\"clerk-web-5\"[^{}]*\"enabled\":false.*|.*\"enabled\":false[^{}]*\"name\":\"clerk-web-5\".*"),
                "the API agrees the user is disabled");
        // the directory's state (DirectoryIT's directory is not running now), and a group made to mirror a directory group
        String directory = browser.findElement(By.id("directory-state")).getText();
        assertTrue(directory.contains("ldap://127.0.0.1:8195 (ou=people,dc=example,dc=org) — does not answer: ConnectException"), directory);
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/groups/web-mirror", "{\"roles\":[\"signer\"]}").statusCode());
        browser.findElement(By.id("nav-users")).click();
        choose(browser, "users:mirror-group", "web-mirror");
        browser.findElement(By.id("users:directory-group")).sendKeys("web signers");
        browser.findElement(By.id("users:mirror")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error")));
        assertTrue(error(browser).contains("is not a distinguished name"), error(browser));
        browser.findElement(By.id("users:directory-group")).clear();
        browser.findElement(By.id("users:directory-group")).sendKeys("cn=web signers,ou=groups,dc=example,dc=org");
        browser.findElement(By.id("users:mirror")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("users:groups"), "cn=web signers,ou=groups,dc=example,dc=org"));
        assertTrue(SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/groups", null))
                .contains("\"directoryGroup\":\"cn=web signers,ou=groups,dc=example,dc=org\",\"members\":[],\"name\":\"web-mirror\""));
        screenshot(browser, "users");

        browser.findElement(By.id("nav-hot-folders")).click();
        newHotFolder(browser, "web-outside", Path.of("/etc/signet-web/in"), Path.of("/etc/signet-web/out"), Path.of("/etc/signet-web/err"));
        browser.findElement(By.id("folders:add")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error")));
        assertTrue(error(browser).contains("/etc/signet-web"), "a root outside the allowed base folders is refused by name: " + error(browser));

        Path base = Path.of(System.getProperty("signet.it.dir"), "web-folder-" + System.nanoTime());
        newHotFolder(browser, "web-scans", base.resolve("in"), base.resolve("out"), base.resolve("err"));
        choose(browser, "folders:seal", "demo");
        browser.findElement(By.id("folders:add")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("folders:list"), "web-scans"));
        newHotFolder(browser, "web-contracts", base.resolve("contracts-in"), base.resolve("contracts-out"), base.resolve("contracts-err"));
        browser.findElement(By.id("folders:workflow")).sendKeys("web-no-such-template");
        browser.findElement(By.id("folders:add")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error")));
        assertTrue(error(browser).contains("no workflow template 'web-no-such-template'"), "a root that starts workflows names a template"
                + " its run-as user may start: " + error(browser));

        Path batch = Files.createDirectories(base.resolve("in/batch-web"));
        for (int i = 1; i <= 3; i++) {
            Files.write(batch.resolve("scan-" + i + ".pdf"), TestDocuments.pdf(1, "scan " + i));
        }
        Files.writeString(batch.resolve("APPROVED"), "");
        new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class).until(d -> d.findElements(By.cssSelector("#batches\\:list tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("batch-web") && r.getText().contains("COMPLETED")));
        screenshot(browser, "hot-folders");
        WebElement done = browser.findElements(By.cssSelector("#batches\\:list tbody tr")).stream()
                .filter(r -> r.getText().contains("batch-web")).findFirst().orElseThrow();
        assertTrue(done.findElement(By.cssSelector(".batch-counts")).getText().startsWith("3 / 0"), done.getText());
        done.findElement(By.cssSelector(".batch-report")).click();
        String report = Files.readString(downloaded("report-"));
        assertTrue(report.contains("scan-1.pdf") && report.contains("scan-3.pdf"), report);
        assertTrue(Files.exists(base.resolve("out/batch-web/READY")));

        browser.findElement(By.id("nav-dashboard")).click();
        assertTrue(Long.parseLong(browser.findElement(By.id("signed-today")).getText()) >= 3, "the batch's documents are counted");
        assertTrue(browser.findElement(By.cssSelector("#dashboard\\:per-hour canvas")).isDisplayed(), "the chart is drawn");
        assertTrue(browser.findElement(By.cssSelector(".chart-seals")).getText().contains("demo"));
        assertEquals("Signet is ready.", browser.findElement(By.id("readiness")).getText());
        assertTrue(browser.findElement(By.id("archive")).getText().contains("entries in"), browser.findElement(By.id("archive")).getText());
        screenshot(browser, "dashboard");
    }

    @Test
    void anyoneChecksASignedDocumentOnThePublicVerifyPage() throws Exception {
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&level=T", "application/pdf",
                TestDocuments.pdf(1, "An invoice checked by its recipient"));
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        Path invoice = OutsideVerifiers.write(dir, "invoice.pdf", signed.body());
        WebDriver browser = browser("en-GB");
        browser.get(url("/signet/verify.xhtml"));
        assertTrue(browser.getCurrentUrl().endsWith("/signet/verify.xhtml"), "no sign-in needed: " + browser.getCurrentUrl());
        browser.findElement(By.cssSelector("#verify input[type=file][id$='document_input']")).sendKeys(invoice.toString());
        browser.findElement(By.id("verify:check")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertEquals("Every signature is valid.", browser.findElement(By.id("verdict")).getText());
        assertTrue(browser.findElements(By.cssSelector(".time-stamp")).stream().anyMatch(t -> t.getText().contains("Signet")),
                "the signature's time stamp and its authority are shown");
        assertTrue(SignetServer.audited("\"actor\":\"public 127.0.0.1\"", "VERIFY"), "a public verification is audited with its address");
        browser.get(url("/signet/console/verify.xhtml"));
        assertTrue(browser.getCurrentUrl().endsWith("/signet/console/sign-in.xhtml"), "the console still needs signing in");
    }

    @Test
    void aPdfIsSignedIntoItsEmptySignatureField() throws Exception {
        Path form = dir.resolve("note.pdf");
        try (var pdf = WebPagesIT.class.getResourceAsStream("/inputs/ghostscript-field.pdf")) {
            Files.write(form, pdf.readAllBytes());
        }
        WebDriver browser = signedInAsDemo();
        browser.findElement(By.id("nav-seal")).click();
        browser.findElement(By.cssSelector("#seal input[type=file]")).sendKeys(form.toString());
        wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("page-preview")));
        choose(browser, "seal:field", "Approval");
        choose(browser, "seal:sealName", "demo"); // other test classes' seals may come first in the list
        browser.findElement(By.id("seal:sign")).click();
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(downloaded("note"));
        assertTrue(pdfsig.output().contains("Signature Field Name: Approval") && pdfsig.output().contains("Signature is Valid."),
                pdfsig.output());
    }

    @Test
    void filesDroppedOnTheSealPageAreUploadedAsIfChosen() throws Exception {
        WebDriver browser = signedInAsDemo();
        browser.findElement(By.id("nav-seal")).click();
        String base64 = java.util.Base64.getEncoder().encodeToString(TestDocuments.pdf(2, "dropped"));
        // a drop as the browser makes it: a DataTransfer holding files, dispatched on the zone
        String drop = "const transfer = new DataTransfer();"
                + "for (const name of arguments[1]) {"
                + "  const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
                + "  transfer.items.add(new File([bytes], name, {type: 'application/pdf'}));"
                + "}"
                + "document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));";
        ((JavascriptExecutor) browser).executeScript(drop, base64, List.of("dropped.pdf"));
        wait(browser).until(ExpectedConditions.textToBe(By.id("seal:fileName"), "dropped.pdf"));
        assertFalse(browser.findElements(By.id("page-preview")).isEmpty(), "one dropped PDF: its page to place a stamp on");
        ((JavascriptExecutor) browser).executeScript(drop, base64, List.of("first.pdf", "second.pdf"));
        wait(browser).until(ExpectedConditions.textToBe(By.id("seal:fileName"), "2 files"));
    }

    @Test
    void severalFilesAreSignedIntoOneZip() throws Exception {
        Path first = OutsideVerifiers.write(dir, "letter-1.pdf", TestDocuments.pdf(1, "first letter"));
        Path second = OutsideVerifiers.write(dir, "letter-2.pdf", TestDocuments.pdf(2, "second letter"));
        Path ledger = Files.writeString(dir.resolve("ledger.csv"), "date;amount\n2026-12-05;100\n");
        WebDriver browser = signedInAsDemo();
        browser.findElement(By.id("nav-seal")).click();
        browser.findElement(By.cssSelector("#seal input[type=file]")).sendKeys(first + "\n" + second + "\n" + ledger);
        wait(browser).until(ExpectedConditions.textToBe(By.id("seal:fileName"), "3 files"));
        assertTrue(browser.findElements(By.id("page-preview")).isEmpty(), "several files: no page to place a stamp on");
        choose(browser, "seal:sealName", "demo"); // other test classes' seals may come first in the list
        browser.findElement(By.id("seal:sign")).click();
        Path zip = downloaded("signed.zip");
        Path out = Files.createDirectories(dir.resolve("unzipped"));
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        assertEquals(3, entries.size(), entries.keySet().toString());
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            Path file = OutsideVerifiers.write(out, entry.getKey(), entry.getValue());
            if (entry.getKey().endsWith(".pdf")) {
                OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(file);
                assertTrue(pdfsig.output().contains("Signature is Valid."), entry.getKey() + ": " + pdfsig.output());
            } else {
                assertTrue(entry.getKey().startsWith("ledger.csv") && entry.getKey().endsWith(".p7s"), entry.getKey());
                OutsideVerifiers.Run cms = OutsideVerifiers.opensslCmsVerify(ledger, file, SignetServer.demoCa());
                assertEquals(0, cms.exitCode(), cms.output());
            }
        }
    }

    /** A form posted without the page's view state (a forged cross-site request, or an ended session) does nothing. */
    @Test
    void aFormWithoutItsViewStateIsRefusedWithoutAStackTrace() {
        SignetServer.putUser("clerk-web-6", "clerk-web-6-password", "signer");
        String form = "sign-in=sign-in&sign-in%3Auser=clerk-web-6&sign-in%3Apassword=clerk-web-6-password&sign-in%3Acode="
                + "&sign-in%3Asubmit=&jakarta.faces.ViewState=forged";
        HttpResponse<byte[]> forged = SignetServer.send("POST", "/signet/console/sign-in.xhtml", null, null,
                "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
        String page = SignetServer.text(forged);
        assertTrue(page.contains("Nothing was done"), forged.statusCode() + " " + page);
        assertFalse(page.contains("at org.") || page.contains("Caused by") || page.contains("Exception:"), "a stack trace: " + page);
        assertFalse(SignetServer.audited("\"actor\":\"clerk-web-6\"", "SIGNED_IN"), "a forged form signs nobody in");
    }

    /**
     * A step marked linkOnly: its mailed link opens the workflow without signing in, from the network the test server
     * allows (127.0.0.1/32), and one click signs as the link's signer, with that person's certificate; once. From
     * another address (127.0.0.2, loopback too but not listed) the same link asks for the sign-in and stays usable. A
     * step cannot be both linkOnly and confirmed with a one-time code.
     */
    @Test
    void aLinkOnlyStepIsSignedByTheMailedLinkAlone() throws Exception {
        SignetServer.workflowSigner("wf-link-1");
        HttpResponse<byte[]> both = SignetServer.startWorkflow(SignetServer.DEMO_USER, SignetServer.demoPassword(), "memo.pdf",
                TestDocuments.pdf(1, "a memo"), "{\"steps\":[{\"signer\":\"wf-link-1\",\"linkOnly\":true,\"oneTimeCode\":true}]}");
        assertEquals(400, both.statusCode(), SignetServer.text(both));
        assertTrue(SignetServer.text(both).contains("by the link alone or with a one-time code, not both"), SignetServer.text(both));
        HttpResponse<byte[]> started = SignetServer.startWorkflow(SignetServer.DEMO_USER, SignetServer.demoPassword(), "memo.pdf",
                TestDocuments.pdf(1, "a memo signed by its link"), "{\"steps\":[{\"signer\":\"wf-link-1\",\"linkOnly\":true}]}");
        assertEquals(201, started.statusCode(), SignetServer.text(started));
        assertTrue(SignetServer.text(started).contains("\"linkOnly\":true"), SignetServer.text(started));
        String id = JsonFields.text(SignetServer.text(started), "id");

        Mailboxes.Mail mail = Mailboxes.await("wf-link-1@signet.test", "Please sign: memo.pdf");
        assertTrue(mail.text().replace("=\r\n", "").contains("no sign-in"), mail.text());
        String link = mail.workflowLink();
        OutsideVerifiers.Run elsewhere = OutsideVerifiers.run(List.of("curl", "-s", "-4", "--interface", "127.0.0.2", "-o", "/dev/null",
                "-w", "%{http_code} %{redirect_url}", link));
        assertEquals(0, elsewhere.exitCode(), elsewhere.output());
        assertTrue(elsewhere.output().matches("30[23] .*/signet/console/sign-in\\.xhtml.*"),
                "from a network not listed the link asks for the sign-in: " + elsewhere.output());
        WebDriver browser = browser("en-GB");
        browser.get(link);
        assertEquals(link, browser.getCurrentUrl(), "the link alone opens the workflow");
        assertEquals("memo.pdf", browser.findElement(By.id("document-name")).getText());
        assertTrue(browser.findElements(By.id("workflow:refuse")).isEmpty(), "refusing asks for the sign-in");
        browser.get(url("/signet/console/inbox.xhtml"));
        assertTrue(browser.getCurrentUrl().endsWith("/signet/console/sign-in.xhtml"), "the link opened another page: " + browser.getCurrentUrl());
        browser.get(link);
        browser.findElement(By.id("workflow:sign")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info-summary"),
                "Every signer has signed"));
        browser.get(link);
        assertTrue(browser.getCurrentUrl().endsWith("/signet/console/sign-in.xhtml"), "a used link opens nothing: " + browser.getCurrentUrl());

        HttpResponse<byte[]> document = SignetServer.send("GET", "/signet/api/workflows/" + id + "/document", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null);
        assertEquals(200, document.statusCode(), SignetServer.text(document));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "memo-signed.pdf", document.body()));
        assertTrue(pdfsig.output().contains("Signature is Valid.") && pdfsig.output().contains("wf-link-1"), pdfsig.output());
        assertTrue(SignetServer.audited("WORKFLOW_SIGNED", id, "\"actor\":\"wf-link-1\"", "by the link alone from "), "not audited as signed by the link");
    }

    /**
     * A workflow as its signers meet it: a mail from the SMTP server with a link; the link opens the sign-in page and,
     * signed in, the workflow; one click signs. The second step asks its signer for a one-time code as well.
     */
    @Test
    void twoPeopleSignAWorkflowFromTheLinksTheyWereMailed() throws Exception {
        SignetServer.workflowSigner("wf-web-1");
        SignetServer.workflowSigner("wf-web-2");
        HttpResponse<byte[]> enrolled = SignetServer.send("POST", "/signet/api/authenticator", "wf-web-2", "wf-web-2-password", null, null);
        assertEquals(200, enrolled.statusCode(), SignetServer.text(enrolled));
        String secret = JsonFields.text(SignetServer.text(enrolled), "secret");
        long lastStep = System.currentTimeMillis() / 30_000;
        assertEquals(204, SignetServer.send("POST", "/signet/api/authenticator/confirmation", "wf-web-2", "wf-web-2-password",
                "application/json", ("{\"code\":\"" + SealConditionsIT.oathtool(secret, "now") + "\"}").getBytes(StandardCharsets.UTF_8))
                .statusCode());
        HttpResponse<byte[]> started = SignetServer.startWorkflow(SignetServer.DEMO_USER, SignetServer.demoPassword(), "contract.pdf",
                TestDocuments.form(null, "Buyer", "Seller"), "{\"steps\":[{\"signer\":\"wf-web-1\",\"field\":\"Buyer\"},"
                        + "{\"signer\":\"wf-web-2\",\"field\":\"Seller\",\"oneTimeCode\":true}],\"recipients\":[\"contracts@signet.test\"]}");
        assertEquals(201, started.statusCode(), SignetServer.text(started));
        String id = JsonFields.text(SignetServer.text(started), "id");

        String firstLink = Mailboxes.await("wf-web-1@signet.test", "Please sign: contract.pdf").workflowLink();
        WebDriver first = browser("en-GB");
        first.get(firstLink);
        assertTrue(first.getCurrentUrl().endsWith("/signet/console/sign-in.xhtml"), first.getCurrentUrl());
        signIn(first, "wf-web-1", "wf-web-1-password", "");
        assertEquals(firstLink, first.getCurrentUrl(), "signed in, the browser is back at the link it was mailed");
        assertEquals("contract.pdf", first.findElement(By.id("document-name")).getText());
        assertTrue(first.findElement(By.id("workflow:page-preview")).getAttribute("src").startsWith("data:image/png;base64,"));
        screenshot(first, "workflow");
        first.findElement(By.id("workflow:sign")).click();
        wait(first).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info-summary"),
                "Signed. Next to sign: wf-web-2"));
        first.get(firstLink);
        assertTrue(error(first).contains("this link has been used"), error(first));

        String secondLink = Mailboxes.await("wf-web-2@signet.test", "Please sign: contract.pdf").workflowLink();
        WebDriver second = browser("en-GB");
        second.get(secondLink);
        lastStep = Math.max(lastStep, System.currentTimeMillis() / 30_000) + 1;
        signIn(second, "wf-web-2", "wf-web-2-password", SealConditionsIT.oathtool(secret, "now + 30 seconds"));
        assertEquals(secondLink, second.getCurrentUrl(), second.findElement(By.tagName("main")).getText());
        second.findElement(By.id("workflow:sign")).click();
        wait(second).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-error-summary"),
                "requires a one-time code"));
        while (System.currentTimeMillis() / 30_000 < lastStep) { // a code counts once: the next one, within the window
            Thread.sleep(500);
        }
        second.findElement(By.id("workflow:code")).sendKeys(SealConditionsIT.oathtool(secret, "now + 30 seconds"));
        second.findElement(By.id("workflow:sign")).click();
        wait(second).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info-summary"),
                "Every signer has signed"));
        assertEquals("completed", second.findElement(By.id("workflow-state")).getText());

        second.findElement(By.id("workflow:download")).click();
        Path signed = downloaded("contract");
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(signed);
        assertEquals(0, pdfsig.exitCode(), pdfsig.output());
        assertEquals(2, pdfsig.output().split("Signature is Valid\\.", -1).length - 1, pdfsig.output());
        assertTrue(pdfsig.output().contains("Signature Field Name: Buyer") && pdfsig.output().contains("Signature Field Name: Seller"),
                pdfsig.output());
        SimpleReport dss = OutsideVerifiers.dss(Files.readAllBytes(signed), null);
        assertEquals(2, dss.getSignaturesCount());
        for (String signature : dss.getSignatureIdList()) {
            assertEquals(Indication.TOTAL_PASSED, dss.getIndication(signature), signature + ": " + dss.getAdESValidationErrors(signature));
        }
        Mailboxes.Mail done = Mailboxes.await("contracts@signet.test", "Signed: contract.pdf");
        assertTrue(done.text().contains("contract-signed.pdf"), done.text());

        second.get(url("/signet/console/inbox.xhtml"));
        assertTrue(second.findElement(By.id("others")).getText().contains("contract.pdf"), second.findElement(By.tagName("main")).getText());
        assertTrue(SignetServer.audited("WORKFLOW_SIGNED", id, "step 2"));

        // a clerk starts one from the inbox page
        WebDriver clerk = browser("en-GB");
        clerk.get(url("/signet/console/inbox.xhtml"));
        signIn(clerk, SignetServer.DEMO_USER, SignetServer.demoPassword(), "");
        Path offer = Files.write(dir.resolve("offer.pdf"), TestDocuments.pdf(1, "offer"));
        clerk.findElement(By.cssSelector("#start input[type=file]")).sendKeys(offer.toString());
        clerk.findElement(By.id("start:signers")).sendKeys("wf-web-1, wf-nobody");
        WebElement submit = clerk.findElement(By.id("start:submit"));
        submit.click();
        wait(clerk).until(gone(submit));
        assertTrue(error(clerk).contains("no enabled user 'wf-nobody'"), error(clerk));
        clerk.get(url("/signet/console/workflow-templates.xhtml"));
        clerk.findElement(By.id("templates:name")).sendKeys("wf-offers");
        clerk.findElement(By.id("templates:signers")).sendKeys("wf-web-1");
        clerk.findElement(By.id("templates:escalations")).sendKeys("wf-web-2, wf-web-1");
        WebElement save = clerk.findElement(By.id("templates:save"));
        save.click();
        wait(clerk).until(gone(save));
        assertTrue(error(clerk).contains("one user per signer"), error(clerk));
        clerk.findElement(By.id("templates:escalations")).clear();
        clerk.findElement(By.id("templates:escalations")).sendKeys("wf-web-2");
        clerk.findElement(By.id("templates:save")).click();
        wait(clerk).until(ExpectedConditions.textToBePresentInElementLocated(By.id("templates:list"), "wf-offers"));
        assertTrue(clerk.findElement(By.id("templates:list")).getText().contains("wf-web-1 ⇢ wf-web-2"),
                "the step is passed to wf-web-2 at its deadline: " + clerk.findElement(By.id("templates:list")).getText());
        clerk.get(url("/signet/console/inbox.xhtml"));
        clerk.findElement(By.cssSelector("#start input[type=file]")).sendKeys(offer.toString());
        choose(clerk, "start:template", "wf-offers");
        clerk.findElement(By.id("start:submit")).click();
        try {
            wait(clerk).until(ExpectedConditions.urlContains("/signet/console/workflow.xhtml?id="));
        } catch (TimeoutException e) {
            throw new AssertionError("the workflow did not start: " + clerk.findElement(By.tagName("main")).getText(), e);
        }
        assertEquals("offer.pdf", clerk.findElement(By.id("document-name")).getText());
        assertTrue(clerk.findElement(By.id("workflow:steps")).getText().contains("to sign now"), clerk.findElement(By.tagName("main")).getText());
        assertTrue(clerk.findElements(By.id("workflow:sign")).isEmpty(), "the initiator sees the workflow, and signs nothing of another's turn");
        Mailboxes.await("wf-web-1@signet.test", "Please sign: offer.pdf");
    }

    /**
     * A person's own credential at a remote signature service: Signet's CSC face here, whose OpenID provider is Keycloak.
     * Signed in to Signet, the person follows the remote-credential page's link to Keycloak's login page, logs in there
     * (authorization code with PKCE), and is back with that account's credential as the personal seal's key; the
     * certificate Signet issued the person before is revoked as superseded. The credential is of sole control level 2: a
     * workflow step is refused without the service's one-time code and signed with it, by the service for the Keycloak
     * user; pdfsig and DSS accept the PDF, signed with the credential's certificate.
     */
    @Test
    void aPersonLinksARemoteCredentialAtItsProvidersLoginAndSignsAWorkflowWithItsOneTimeCode() throws Exception {
        HttpResponse<byte[]> user = SignetServer.admin("PUT", "/signet/api/admin/users/remote-clara",
                "{\"kind\":\"person\",\"password\":\"remote-clara-signet-password\",\"roles\":[\"signer\"]}");
        assertTrue(user.statusCode() / 100 == 2, SignetServer.text(user));
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/seals/clara-remote", "{\"formats\":[\"HASH\"],\"maxLevel\":\"B\"}")
                .statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/clara-remote/users/remote-clara", null).statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/clara-remote/second-factor", "{\"secondFactor\":\"totp\"}")
                .statusCode());
        HttpResponse<byte[]> enrolled = SignetServer.send("POST", "/signet/api/authenticator", "remote-clara", "remote-clara-signet-password",
                null, null);
        assertEquals(200, enrolled.statusCode(), SignetServer.text(enrolled));
        String secret = JsonFields.text(SignetServer.text(enrolled), "secret");
        assertEquals(204, SignetServer.send("POST", "/signet/api/authenticator/confirmation", "remote-clara", "remote-clara-signet-password",
                "application/json", ("{\"code\":\"" + SealConditionsIT.oathtool(secret, "now") + "\"}").getBytes(StandardCharsets.UTF_8))
                .statusCode());
        SignetServer.workflowSigner("wf-remote-1");

        WebDriver browser = browser("en-GB");
        browser.get(url("/signet/console/remote-credential.xhtml"));
        signIn(browser, "wf-remote-1", "wf-remote-1-password", "");
        assertTrue(browser.getCurrentUrl().endsWith("/signet/console/remote-credential.xhtml"), browser.getCurrentUrl());
        assertTrue(browser.findElement(By.id("state")).getText().contains("signs with no credential"), browser.findElement(By.id("state")).getText());
        browser.findElement(By.cssSelector("#services a")).click();
        wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-login")));
        String login = browser.getCurrentUrl();
        assertTrue(login.startsWith("http://127.0.0.1:8190/realms/signet/protocol/openid-connect/auth?") && login.contains("client_id=signet-web")
                && login.contains("code_challenge_method=S256") && login.contains("scope=service"), login);
        browser.findElement(By.id("username")).sendKeys("remote-clara");
        browser.findElement(By.id("password")).sendKeys("remote-clara-password");
        browser.findElement(By.id("kc-login")).click();
        try {
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info-summary"),
                    "Your credential is linked"));
        } catch (TimeoutException e) {
            throw new AssertionError("not linked: " + browser.getCurrentUrl() + " " + browser.findElement(By.tagName("body")).getText(), e);
        }
        assertTrue(browser.findElement(By.id("state")).getText().contains("clara-remote"), browser.findElement(By.id("state")).getText());
        screenshot(browser, "remote-credential");
        assertTrue(SignetServer.audited("SEAL_CHANGED", "\"actor\":\"wf-remote-1\"", "linked to credential clara-remote"), "the link is not audited");
        assertTrue(SignetServer.audited("SEAL_REVOKED", "person.wf-remote-1", "SUPERSEDED"), "the person's former certificate is not revoked");
        HttpResponse<byte[]> injected = SignetServer.send("GET", "/signet/remote/callback?state=x&code=%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
                null, null, null, null);
        assertEquals(400, injected.statusCode(), "the callback copies only what an issuer sends into its page: " + SignetServer.text(injected));
        HttpResponse<byte[]> callback = SignetServer.send("GET", "/signet/remote/callback?code=c0de.1-2&state=st_ate&iss=x", null, null, null, null);
        assertTrue(SignetServer.text(callback).contains("url=/signet/console/remote/linked?code=c0de.1-2&state=st_ate\"")
                && callback.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"), SignetServer.text(callback));
        browser.get(url("/signet/remote/callback?code=forged&state=forged"));
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-error-summary"),
                "belongs to no login started here"));

        HttpResponse<byte[]> started = SignetServer.startWorkflow(SignetServer.DEMO_USER, SignetServer.demoPassword(), "remote.pdf",
                TestDocuments.pdf(1, "signed with a credential of a remote signature service"), "{\"steps\":[{\"signer\":\"wf-remote-1\"}]}");
        assertEquals(201, started.statusCode(), SignetServer.text(started));
        String id = JsonFields.text(SignetServer.text(started), "id");
        browser.get(url("/signet/console/workflow.xhtml?id=" + id));
        browser.findElement(By.id("workflow:sign")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-error-summary"),
                "sole control level 2"));
        browser.findElement(By.id("workflow:code")).sendKeys(SealConditionsIT.oathtool(secret, "now + 30 seconds"));
        browser.findElement(By.id("workflow:sign")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-messages-info-summary"),
                "Every signer has signed"));

        HttpResponse<byte[]> document = SignetServer.send("GET", "/signet/api/workflows/" + id + "/document", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null);
        assertEquals(200, document.statusCode(), SignetServer.text(document));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "remote-signed.pdf", document.body()));
        assertTrue(pdfsig.output().contains("Signature is Valid.") && pdfsig.output().contains("Common Name: clara-remote"), pdfsig.output());
        SimpleReport dss = OutsideVerifiers.dss(document.body(), null);
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(dss.getFirstSignatureId()), dss.getAdESValidationErrors(dss.getFirstSignatureId())
                .toString());
        assertTrue(SignetServer.audited("\"action\":\"SIGN\"", "\"actor\":\"remote-clara\"", "\"seal\":\"clara-remote\""),
                "the service did not sign for the person Keycloak named");
        assertTrue(SignetServer.audited("WORKFLOW_SIGNED", id, "\"actor\":\"wf-remote-1\""));
    }

    /** A browser (British English) signed in as the demo admin, at the seals page. */
    private WebDriver signedInAsDemo() throws IOException {
        WebDriver browser = browser("en-GB");
        browser.get(url("/signet/console/index.xhtml"));
        signIn(browser, SignetServer.DEMO_USER, SignetServer.demoPassword(), "");
        return browser;
    }

    private static WebElement userRow(WebDriver browser, String user) {
        return browser.findElements(By.cssSelector("#users\\:list tbody tr")).stream()
                .filter(r -> r.findElement(By.cssSelector(".user-name")).getText().equals(user)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for user " + user));
    }

    private static String state(WebDriver browser, String token) {
        return browser.findElements(By.cssSelector("#keys\\:list tbody tr")).stream()
                .filter(row -> row.findElement(By.cssSelector(".token")).getText().equals(token)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for token " + token + " in " + browser.findElement(By.tagName("main")).getText())).findElement(By.cssSelector(".key-state")).getText();
    }

    /**
     * Picks an item of a PrimeFaces select menu as a person does: once no earlier answer is still redrawing the page,
     * open it, click the item, and see it chosen (or the menu redrawn by the answer its choice asked for). The list
     * opens and closes with an animation: a click while it opens misses, and while it closes it covers what lies below
     * it, so this waits for it to go and tries again when a click missed.
     */
    private static void choose(WebDriver browser, String menu, String item) {
        By entry = By.cssSelector("#" + menu.replace(":", "\\:") + "_items li[data-label='" + item + "']");
        WebDriverWait settle = new WebDriverWait(browser, Duration.ofSeconds(5));
        settle.ignoring(StaleElementReferenceException.class);
        for (int attempt = 1; ; attempt++) {
            waitForAjax(browser);
            closed(browser, menu);
            try {
                WebElement label = browser.findElement(By.id(menu + "_label"));
                browser.findElement(By.id(menu)).click();
                wait(browser).until(ExpectedConditions.elementToBeClickable(entry)).click(); // items may still be arriving
                settle.until(ExpectedConditions.or(ExpectedConditions.textToBePresentInElement(label, item),
                        gone(label)));
                waitForAjax(browser);
                closed(browser, menu);
                return;
            } catch (TimeoutException | StaleElementReferenceException | ElementNotInteractableException e) {
                if (attempt == 3) {
                    throw new AssertionError("menu " + menu + " did not take \"" + item + "\" in " + attempt + " tries", e);
                }
                new Actions(browser).sendKeys(Keys.ESCAPE).perform();
            }
        }
    }

    /** Waits for a select menu's list to be gone, for up to 5 s: a list that stays open is closed by the next try. */
    /**
     * Waits for a menu's list to close. Chromium at times leaves it open after an item's click, with the focus on the
     * item where Escape does nothing: the menu's own field then closes it, as a person would.
     */
    private static void closed(WebDriver browser, String menu) {
        By panel = By.id(menu + "_panel");
        for (int attempt = 1; ; attempt++) {
            try {
                new WebDriverWait(browser, Duration.ofSeconds(2)).ignoring(StaleElementReferenceException.class)
                        .until(ExpectedConditions.invisibilityOfElementLocated(panel));
                return;
            } catch (TimeoutException e) {
                if (attempt == 3) {
                    throw new AssertionError("the list of menu " + menu + " stays open", e);
                }
                browser.findElement(By.id(menu + "_label")).click();
            }
        }
    }

    private static void waitForAjax(WebDriver browser) {
        wait(browser).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return !window.PrimeFaces || (PrimeFaces.ajax.Queue.isEmpty() && (!window.jQuery || jQuery.active === 0));")));
    }

    private static void signIn(WebDriver browser, String user, String password, String code) {
        browser.findElement(By.id("sign-in:user")).clear();
        browser.findElement(By.id("sign-in:user")).sendKeys(user);
        browser.findElement(By.id("sign-in:password")).sendKeys(password);
        browser.findElement(By.id("sign-in:code")).sendKeys(code);
        WebElement submit = browser.findElement(By.id("sign-in:submit"));
        submit.click();
        // the next page, or this one again with the refusal; a driver error while the page is replaced is asked again
        wait(browser).ignoring(WebDriverException.class).until(gone(submit));
    }

    /** Page 1 as poppler draws it at 72 dpi, so that one pixel is one point. */
    private BufferedImage rendered(Path pdf) throws IOException {
        Path png = dir.resolve(pdf.getFileName() + "-page");
        OutsideVerifiers.Run run = OutsideVerifiers.run(List.of("pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", "-singlefile",
                pdf.toString(), png.toString()));
        assertEquals(0, run.exitCode(), run.output());
        return ImageIO.read(png.resolveSibling(png.getFileName() + ".png").toFile());
    }

    private static int darkPixels(BufferedImage image, float x, float y, float width, float height) {
        int dark = 0;
        for (int px = Math.max(0, (int) x); px < Math.min(image.getWidth(), (int) (x + width)); px++) {
            for (int py = Math.max(0, (int) y); py < Math.min(image.getHeight(), (int) (y + height)); py++) {
                int rgb = image.getRGB(px, py);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 300) {
                    dark++;
                }
            }
        }
        return dark;
    }

    /** The hot-folder page's form, emptied and filled with a root's name and folders. */
    private static void newHotFolder(WebDriver browser, String name, Path in, Path out, Path err) {
        Map<String, String> fields = Map.of("name", name, "root", in.toString(), "out", out.toString(), "error", err.toString());
        for (Map.Entry<String, String> field : fields.entrySet()) {
            WebElement input = browser.findElement(By.id("folders:" + field.getKey()));
            input.clear();
            input.sendKeys(field.getValue());
        }
    }

    private static String error(WebDriver browser) {
        return browser.findElement(By.cssSelector(".ui-messages-error .ui-messages-error-summary")).getText();
    }

    /**
     * The element has left the page. Chromium's driver answers a node detached mid-request with an inspector error
     * ("does not belong to the document") at times instead of a stale element reference: both mean it is gone.
     */
    private static ExpectedCondition<Boolean> gone(WebElement element) {
        return browser -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
    }

    private static WebDriverWait wait(WebDriver browser) {
        return (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
    }

    private static String url(String path) {
        return SignetServer.HTTP.resolve(path).toString();
    }

    /** The first file the browser finished downloading whose name starts with {@code prefix}. */
    /**
     * The file the browser downloaded, once complete: Chromium reserves the final name with an empty file while it
     * still writes to a .crdownload beside it.
     */
    private Path downloaded(String prefix) throws Exception {
        for (int i = 0; i < 300; i++) {
            List<Path> files;
            try (Stream<Path> listed = Files.list(dir.resolve("downloads"))) {
                files = listed.toList();
            }
            boolean writing = files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
            var done = files.stream().filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(f -> !f.getFileName().toString().endsWith(".crdownload")).findFirst();
            if (!writing && done.isPresent() && Files.size(done.get()) > 0) {
                return done.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the browser downloaded nothing named " + prefix + "*; the page says: "
                + browsers.get(browsers.size() - 1).findElement(By.tagName("main")).getText());
    }

    private WebDriver browser(String language) throws IOException {
        Files.createDirectories(dir.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=" + language, "--window-size=1280,2000", "--user-data-dir=" + dir.resolve("chromium-" + browsers.size()));
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("intl.accept_languages", language);
        preferences.put("download.default_directory", dir.resolve("downloads").toString());
        preferences.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", preferences);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        return browser;
    }

    private static void screenshot(WebDriver browser, String page) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(page + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
