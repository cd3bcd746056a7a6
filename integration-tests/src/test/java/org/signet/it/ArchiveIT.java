package org.signet.it;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.ers.ERSByteData;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.signet.client.soap.ArchivedDocument;
import org.signet.client.soap.EvidenceRequest;
import org.signet.client.soap.FileSignRequest;
import org.signet.client.soap.admin.ArchiveSealing;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every signed document enters the archive; a sealing puts what waits into one time-stamped hash tree; the evidence
 * record of a document then passes EU DSS's RFC 4998 validation over that document, and fails over a changed copy.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ArchiveIT {

    private static final Pattern WAITING = Pattern.compile("(?m)^signet_archive_unsealed_entries(?:\\{[^}]*})? (\\S+)$");

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @Test
    void aSignedDocumentGetsAnEvidenceRecordThatDssValidatesOnceTheArchiveIsSealed() throws Exception {
        byte[] signed = signPdf("Archived invoice");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signed));

        HttpResponse<byte[]> early = SignetServer.send("GET", "/signet/api/archive/evidence/" + sha256, SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null);
        assertEquals(409, early.statusCode(), SignetServer.text(early));
        assertTrue(SignetServer.text(early).contains("NOT_YET_SEALED") && SignetServer.text(early).contains("next sealed"),
                SignetServer.text(early));
        assertTrue(SignetServer.text(SignetServer.send("GET", "/signet/api/archive", SignetServer.DEMO_USER, SignetServer.demoPassword(),
                null, null)).matches(".*\"unsealedEntries\":[1-9].*"));

        assertTrue(waitingGauge() >= 1, "the gauge counts the entries waiting for a sealing");

        HttpResponse<byte[]> sealed = SignetServer.demoPost("/signet/api/archive/seal", null, null);
        assertEquals(200, sealed.statusCode(), SignetServer.text(sealed));
        assertTrue(SignetServer.text(sealed).matches(".*\"entries\":[1-9].*"), SignetServer.text(sealed));

        HttpResponse<byte[]> byDocument = SignetServer.demoPost("/signet/api/archive/evidence", "application/pdf", signed);
        assertEquals(200, byDocument.statusCode(), SignetServer.text(byDocument));
        assertEquals("application/evidence-record", byDocument.headers().firstValue("Content-Type").orElse(""));
        byte[] record = byDocument.body();
        assertArrayEquals(record, SignetServer.send("GET", "/signet/api/archive/evidence/" + sha256, SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null).body(), "by the document and by its hash: the same record");

        SimpleReport valid = OutsideVerifiers.dss(record, signed);
        String id = valid.getFirstEvidenceRecordId();
        assertEquals(Indication.PASSED, valid.getIndication(id), "DSS: " + valid.getSubIndication(id));

        byte[] changed = signed.clone();
        changed[changed.length / 2] ^= 1;
        // A changed copy is not covered: DSS cannot tie the record to it (no hash of the record matches).
        SimpleReport invalid = OutsideVerifiers.dss(record, changed);
        String invalidId = invalid.getFirstEvidenceRecordId();
        assertEquals(Indication.INDETERMINATE, invalid.getIndication(invalidId));
        assertEquals(SubIndication.SIGNED_DATA_NOT_FOUND, invalid.getSubIndication(invalidId));

        // Signet's own check, as DSS judges it, with when the record proves the document and when to renew it.
        HttpResponse<byte[]> verdict = verify(signed, record);
        assertEquals(200, verdict.statusCode(), SignetServer.text(verdict));
        String json = SignetServer.text(verdict);
        assertTrue(json.contains("\"valid\":true") && json.contains("\"indication\":\"PASSED\"") && json.contains("\"provenAt\"")
                && json.contains("\"renewBefore\"") && json.contains("SHA256"), json);
        String changedVerdict = SignetServer.text(verify(changed, record));
        assertTrue(changedVerdict.contains("\"valid\":false") && changedVerdict.contains("SIGNED_DATA_NOT_FOUND"), changedVerdict);
        assertEquals(400, verify(signed, "not an evidence record".getBytes()).statusCode());

        // A renewal of the tree's time stamp (forced: its certificate expires within 100 years) joins every record.
        HttpResponse<byte[]> renewal = SignetServer.demoPost("/signet/api/archive/renewal?days=36500", null, null);
        assertTrue(SignetServer.text(renewal).matches(".*\"renewedTrees\":[1-9].*"), SignetServer.text(renewal));
        byte[] renewed = SignetServer.demoPost("/signet/api/archive/evidence", "application/pdf", signed).body();
        SimpleReport afterRenewal = OutsideVerifiers.dss(renewed, signed);
        assertEquals(Indication.PASSED, afterRenewal.getIndication(afterRenewal.getFirstEvidenceRecordId()),
                "DSS: " + afterRenewal.getSubIndication(afterRenewal.getFirstEvidenceRecordId()));
        assertEquals(2, afterRenewal.getEvidenceRecordTimestamps(afterRenewal.getFirstEvidenceRecordId()).size());
        String renewedVerdict = SignetServer.text(verify(signed, renewed));
        assertEquals(2, renewedVerdict.split("\"intact\":true").length - 1, "Signet's check lists both time stamps: " + renewedVerdict);
        record = renewed;

        // The XML form (RFC 6283) of the same evidence, with its own renewal: EU DSS and Signet's check pass it too.
        HttpResponse<byte[]> xml = SignetServer.send("GET", "/signet/api/archive/evidence/" + sha256 + "?form=xml", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null);
        assertEquals(200, xml.statusCode(), SignetServer.text(xml));
        assertTrue(xml.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        assertTrue(SignetServer.text(xml).contains("urn:ietf:params:xml:ns:ers"), SignetServer.text(xml));
        SimpleReport xmlReport = OutsideVerifiers.dss(xml.body(), signed);
        String xmlId = xmlReport.getFirstEvidenceRecordId();
        assertEquals(Indication.PASSED, xmlReport.getIndication(xmlId), "DSS: " + xmlReport.getSubIndication(xmlId));
        assertEquals(2, xmlReport.getEvidenceRecordTimestamps(xmlId).size());
        String xmlVerdict = SignetServer.text(verify(signed, xml.body()));
        assertTrue(xmlVerdict.contains("\"valid\":true"), xmlVerdict);
        assertTrue(SignetServer.text(verify(changed, xml.body())).contains("\"valid\":false"));
        assertEquals(400, SignetServer.send("GET", "/signet/api/archive/evidence/" + sha256 + "?form=json", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null).statusCode());

        // The same record over SOAP, by the document.
        EvidenceRequest request = new EvidenceRequest();
        request.setDocument(new DataHandler(new ByteArrayDataSource(signed, "application/pdf")));
        assertArrayEquals(record, SignetServer.demoSoap().evidenceRecord(request).getInputStream().readAllBytes());
        request.setForm("XML");
        assertArrayEquals(xml.body(), SignetServer.demoSoap().evidenceRecord(request).getInputStream().readAllBytes());
    }

    @Test
    void unknownDocumentsAndOutsidersAreRefused() {
        HttpResponse<byte[]> unknown = SignetServer.send("GET", "/signet/api/archive/evidence/" + "ab".repeat(32), SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null);
        assertEquals(404, unknown.statusCode());
        assertTrue(SignetServer.text(unknown).contains("NOT_ARCHIVED"), SignetServer.text(unknown));
        assertEquals(400, SignetServer.send("GET", "/signet/api/archive/evidence/not-a-hash", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null).statusCode());
        assertEquals(401, SignetServer.send("GET", "/signet/api/archive/evidence/" + "ab".repeat(32), null, null, null, null).statusCode());

        SignetServer.putUser("archive-reader", "archive-reader-password", "signer");
        HttpResponse<byte[]> notAdmin = SignetServer.send("POST", "/signet/api/archive/seal", "archive-reader",
                "archive-reader-password", null, null);
        assertEquals(403, notAdmin.statusCode(), SignetServer.text(notAdmin));
    }

    /**
     * A sealing killed after writing its tree file and before its commit leaves that file and no record: the entries
     * still wait, and the next sealing writes the file anew and covers them (each entry once, in one tree).
     */
    @Test
    void aTreeFileLeftByASealingThatDiedIsReplacedByTheNextSealing() throws Exception {
        byte[] signed = signPdf("Signed before a crash");
        long next = SignetServer.demoAdministration().archiveStatus().getTrees() + 1;
        Path orphan = SignetServer.dataDirectory().resolve("archive").resolve("trees").resolve(next + ".sha256tree");
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, new byte[] {1, 2, 3});

        ArchiveSealing sealed = SignetServer.demoAdministration().sealArchive();
        assertEquals(next, sealed.getTree());
        assertEquals(0, SignetServer.demoAdministration().archiveStatus().getUnsealedEntries());
        byte[] record = SignetServer.demoPost("/signet/api/archive/evidence", "application/pdf", signed).body();
        SimpleReport report = OutsideVerifiers.dss(record, signed);
        assertEquals(Indication.PASSED, report.getIndication(report.getFirstEvidenceRecordId()));
    }

    /** RFC 6283 would cover an XML document by its canonical form, which is not what the tree holds: DER only. */
    @Test
    void anXmlDocumentsRecordIsGivenInTheDerFormOnly() throws Exception {
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/xml?seal=demo", "application/xml",
                "<invoice><total>42</total></invoice>".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        SignetServer.demoAdministration().sealArchive();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signed.body()));
        HttpResponse<byte[]> xml = SignetServer.send("GET", "/signet/api/archive/evidence/" + sha256 + "?form=xml", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null);
        assertEquals(400, xml.statusCode(), SignetServer.text(xml));
        assertTrue(SignetServer.text(xml).contains("DER form"), SignetServer.text(xml));
        byte[] der = SignetServer.send("GET", "/signet/api/archive/evidence/" + sha256, SignetServer.DEMO_USER, SignetServer.demoPassword(),
                null, null).body();
        SimpleReport report = OutsideVerifiers.dss(der, signed.body());
        assertEquals(Indication.PASSED, report.getIndication(report.getFirstEvidenceRecordId()));
    }

    @Test
    void aSealingWithNothingWaitingSealsNothing() throws Exception {
        ArchiveSealing first = SignetServer.demoAdministration().sealArchive();
        ArchiveSealing second = SignetServer.demoAdministration().sealArchive();
        assertEquals(0, second.getTree(), "nothing entered since " + first.getTree());
        assertEquals(0, SignetServer.demoAdministration().archiveStatus().getUnsealedEntries());
    }

    /**
     * A seal switched off keeps what it signs out of the archive; a verification with archive=true enters a file whose
     * every signature holds (a signature made elsewhere), and only such a file; switched on again, the seal's outputs enter.
     */
    @Test
    void aSealSwitchedOffSignsOutsideTheArchiveAndAValidSignatureVerifiedWithArchiveEntersIt() throws Exception {
        HttpResponse<byte[]> created = SignetServer.send("PUT", "/signet/api/admin/seals/unarchived", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), "application/json",
                "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\",\"archive\":false}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, created.statusCode(), SignetServer.text(created));
        assertEquals(204, SignetServer.send("PUT", "/signet/api/admin/seals/unarchived/users/demo", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null).statusCode());
        String seals = SignetServer.text(SignetServer.send("GET", "/signet/api/seals", SignetServer.DEMO_USER, SignetServer.demoPassword(),
                null, null));
        assertTrue(Arrays.stream(seals.split("\\},\\{")).anyMatch(seal -> seal.contains("\"name\":\"unarchived\"")
                && seal.contains("\"archived\":false")), seals);

        byte[] outside = signPdf("Not for the archive", "unarchived");
        assertEquals(404, evidenceStatus(outside), "a seal switched off enters nothing");

        // A file without a valid signature does not enter, asked or not.
        byte[] unsigned = TestDocuments.pdf(1, "Never signed");
        String refused = SignetServer.text(SignetServer.demoPost("/signet/api/verify?archive=true", "application/pdf", unsigned));
        assertTrue(refused.contains("\"allValid\":false") && refused.contains("\"archived\":false"), refused);
        assertEquals(404, evidenceStatus(unsigned));

        String verified = SignetServer.text(SignetServer.demoPost("/signet/api/verify?archive=true", "application/pdf", outside));
        assertTrue(verified.contains("\"allValid\":true") && verified.contains("\"archived\":true"), verified);
        assertEquals(409, evidenceStatus(outside), "entered, waiting for the sealing");
        byte[] value;
        try (PDDocument pdf = Loader.loadPDF(outside)) {
            value = new CMSSignedData(pdf.getLastSignatureDictionary().getContents(outside)).getSignerInfos().getSigners().iterator()
                    .next().getSignature();
        }
        assertEquals(409, evidenceStatus(value), "its signature value entered on its own");
        assertTrue(SignetServer.audited("VERIFY", "archived"));

        // Switched on again over SOAP, keeping the documents whole: the seal's outputs enter, and are kept in the store.
        SignetServer.demoAdministration().setSealArchiving("unarchived", true, true);
        assertTrue(SignetServer.audited("SEAL_CHANGED", "unarchived", "kept whole in its store"));
        byte[] inside = signPdf("For the archive again", "unarchived");
        assertEquals(409, evidenceStatus(inside));
        String insideSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(inside));
        Path kept = SignetServer.dataDirectory().resolve("archive").resolve("documents").resolve(insideSha.substring(0, 2))
                .resolve(insideSha.substring(2, 4)).resolve(insideSha);
        assertArrayEquals(inside, Files.readAllBytes(kept), "the store keeps the signed output under its SHA-256");
        assertFalse(Files.exists(kept.resolveSibling(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(outside)))),
                "a seal that did not keep documents when it signed left nothing in the store");

        SignetServer.demoAdministration().sealArchive();
        byte[] record = SignetServer.demoPost("/signet/api/archive/evidence", "application/pdf", outside).body();
        SimpleReport report = OutsideVerifiers.dss(record, outside);
        assertEquals(Indication.PASSED, report.getIndication(report.getFirstEvidenceRecordId()),
                "DSS: " + report.getSubIndication(report.getFirstEvidenceRecordId()));
        assertEquals(200, evidenceStatus(inside));
        assertEquals(200, SignetServer.send("GET", "/signet/api/archive/evidence/" + HexFormat.of().formatHex(MessageDigest
                .getInstance("SHA-256").digest(outside)) + "?form=xml", SignetServer.DEMO_USER, SignetServer.demoPassword(), null, null)
                .statusCode(), "a verified PDF has its XML form");
        assertEquals(404, SignetServer.send("PUT", "/signet/api/admin/seals/no-such-seal/archiving", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), "application/json", "{\"archive\":true}".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(400, SignetServer.send("PUT", "/signet/api/admin/seals/unarchived/archiving", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), "application/json", "{}".getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    /**
     * Hash-tree renewal (RFC 4998 §5.3) over REST and SOAP: a kept document's evidence moves to SHA-512, then SHA3-512,
     * each a new chain that EU DSS validates over the document (and not over a changed copy); a later time-stamp
     * renewal goes on the last chain. A document the store does not keep, and one whose stored copy is no longer what
     * was kept, stay in their first chain and are counted as waiting for their documents.
     */
    @Test
    void aHashTreeRenewalMovesKeptDocumentsToANewHashInANewChainThatDssValidates() throws Exception {
        assertEquals(201, SignetServer.send("PUT", "/signet/api/admin/seals/kept", SignetServer.DEMO_USER, SignetServer.demoPassword(),
                "application/json", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\",\"keepDocuments\":true}"
                        .getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(204, SignetServer.send("PUT", "/signet/api/admin/seals/kept/users/demo", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null).statusCode());
        byte[] kept = signPdf("Kept for renewal", "kept");
        byte[] damaged = signPdf("Kept, then damaged in the store", "kept");
        byte[] notKept = signPdf("Not kept", "demo");
        SignetServer.demoAdministration().sealArchive();
        Files.write(storeFile(damaged), "other bytes under its name".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> unknown = SignetServer.demoPost("/signet/api/archive/hash-renewal?algorithm=MD5", null, null);
        assertEquals(400, unknown.statusCode(), SignetServer.text(unknown));
        assertTrue(SignetServer.text(unknown).contains("SHA3-512"), "the refusal names the hashes there are: " + SignetServer.text(unknown));
        SignetServer.putUser("hash-renewer", "hash-renewer-password", "signer");
        assertEquals(403, SignetServer.send("POST", "/signet/api/archive/hash-renewal", "hash-renewer", "hash-renewer-password", null, null)
                .statusCode());

        HttpResponse<byte[]> renewal = SignetServer.demoPost("/signet/api/archive/hash-renewal?algorithm=SHA-512", null, null);
        String answer = SignetServer.text(renewal);
        assertEquals(200, renewal.statusCode(), answer);
        assertTrue(answer.contains("\"algorithm\":\"SHA-512\"") && answer.matches(".*\"renewedEntries\":[1-9].*")
                && answer.matches(".*\"entriesNotKept\":([2-9]|\\d\\d+).*"), answer);
        assertTrue(SignetServer.audited("ARCHIVE_RENEWED", "renewed into SHA-512"));
        assertEquals(2, chains(evidence(kept)), "the kept document's record has a second chain");
        assertEquals(1, chains(evidence(damaged)), "a stored copy that is no longer the document is not used");
        assertEquals(1, chains(evidence(notKept)));

        // Their owner brings the two documents back (REST, SOAP); the next renewal renews them too.
        HttpResponse<byte[]> brought = SignetServer.demoPost("/signet/api/archive/documents", "application/pdf", notKept);
        assertEquals(200, brought.statusCode(), SignetServer.text(brought));
        assertTrue(SignetServer.text(brought).matches(".*\"entries\":1.*"), SignetServer.text(brought));
        ArchivedDocument again = new ArchivedDocument();
        again.setDocument(new DataHandler(new ByteArrayDataSource(damaged, "application/pdf")));
        assertEquals(1, SignetServer.demoSoap().keepArchivedDocument(again));
        assertArrayEquals(damaged, Files.readAllBytes(storeFile(damaged)), "the damaged copy is replaced by the document");
        HttpResponse<byte[]> never = SignetServer.demoPost("/signet/api/archive/documents", "application/pdf", TestDocuments.pdf(1, "Never"));
        assertEquals(404, never.statusCode(), SignetServer.text(never));
        assertTrue(SignetServer.text(never).contains("NOT_ARCHIVED"));
        assertEquals(404, SignetServer.send("POST", "/signet/api/archive/documents", "hash-renewer", "hash-renewer-password",
                "application/pdf", notKept).statusCode(), "a user who did not sign it cannot bring it back");
        assertTrue(SignetServer.audited("ARCHIVE_DOCUMENT_KEPT"));

        var second = SignetServer.demoAdministration().renewArchiveHashTrees("SHA3-512");
        assertEquals("SHA3-512", second.getAlgorithm());
        assertTrue(second.getRenewedEntries() >= 3, "the kept one and the two brought back: " + second.getRenewedEntries());
        assertEquals(2, chains(evidence(damaged)));
        assertEquals(2, chains(evidence(notKept)));
        for (byte[] document : new byte[][] {damaged, notKept}) {
            SimpleReport dss = OutsideVerifiers.dss(evidence(document), document);
            assertEquals(Indication.PASSED, dss.getIndication(dss.getFirstEvidenceRecordId()));
        }
        assertTrue(SignetServer.text(SignetServer.demoPost("/signet/api/archive/renewal?days=36500", null, null))
                .matches(".*\"renewedTrees\":[1-9].*"));

        byte[] record = evidence(kept);
        assertEquals(3, chains(record));
        SimpleReport report = OutsideVerifiers.dss(record, kept);
        String id = report.getFirstEvidenceRecordId();
        assertEquals(Indication.PASSED, report.getIndication(id), "DSS: " + report.getSubIndication(id) + " " + report.getAdESValidationErrors(id));
        assertTrue(report.getEvidenceRecordTimestamps(id).size() >= 4, "the day's time stamp, one per new chain and a renewal of the last");
        byte[] changed = kept.clone();
        changed[changed.length / 2] ^= 1;
        SimpleReport other = OutsideVerifiers.dss(record, changed);
        assertFalse(Indication.PASSED.equals(other.getIndication(other.getFirstEvidenceRecordId())));
        String verdict = SignetServer.text(verify(kept, record));
        assertTrue(verdict.contains("\"valid\":true"), verdict);
        for (int chain = 1; chain <= 3; chain++) {
            assertTrue(verdict.contains("\"chain\":" + chain), "Signet's check names each time stamp's chain: " + verdict);
        }
        assertTrue(verdict.contains("SHA3-512") || verdict.contains("SHA3_512"), verdict);

        HttpResponse<byte[]> xml = SignetServer.send("GET", "/signet/api/archive/evidence/" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(kept)) + "?form=xml", SignetServer.DEMO_USER, SignetServer.demoPassword(), null, null);
        assertEquals(409, xml.statusCode(), "the XML form follows the first chain only: " + SignetServer.text(xml));
        assertTrue(SignetServer.text(xml).contains("DER form"), SignetServer.text(xml));
    }

    /**
     * Records nobody here made: the BSI ERS test tool's data (BIN-1 to BIN-4) and RFC 4998's two chains with three
     * archive time stamps, as EU DSS ships them with its tests. Signet's check answers what DSS answers for each, with
     * the document and with a changed copy; a malformed record is refused by name.
     */
    @Test
    void foreignRecordsOfTheBsiAndRfc4998TestDataAreJudgedAsDssJudgesThem() throws Exception {
        String[][] cases = {{"BIN-1_ER.ers", "BIN-1.bin"}, {"BIN-2_ER.ers", "BIN-2.bin"}, {"BIN-3_ER.ers", "BIN-3.bin"},
                {"BIN-4_ER.ers", "BIN-4.bin"}, {"ER-2Chains3ATS.ers", "ER-2Chains3ATS1.bin"}, {"ER-2Chains3ATS.ers", "ER-2Chains3ATS2.bin"},
                {"bsi_gov_vte-lza_002.ers", "bsi_gov_vte-lza_002.bin"}};
        for (String[] c : cases) {
            byte[] record = testData(c[0]);
            byte[] document = testData(c[1]);
            byte[] changed = document.clone();
            changed[0] ^= 1;
            for (byte[] data : new byte[][] {document, changed}) {
                String what = c[0] + " over " + (data == document ? c[1] : "a changed " + c[1]);
                HttpResponse<byte[]> answer = verify(data, record);
                assertEquals(200, answer.statusCode(), what + ": " + SignetServer.text(answer));
                String verdict = SignetServer.text(answer);
                SimpleReport dss = OutsideVerifiers.dss(record, data);
                String id = dss.getFirstEvidenceRecordId();
                assertTrue(verdict.contains("\"indication\":\"" + dss.getIndication(id) + "\"")
                        && verdict.contains("\"subIndication\":\"" + dss.getSubIndication(id) + "\""), what + ": DSS says "
                        + dss.getIndication(id) + "/" + dss.getSubIndication(id) + ", Signet " + verdict);
                // the time stamps' authorities are not Signet's trust anchors: the record cannot pass, but its hashes can
                assertEquals(data == document, !verdict.contains("SIGNED_DATA_NOT_FOUND"), what + ": " + verdict);
                if (data == document) {
                    assertEquals(dss.getEvidenceRecordTimestamps(id).size(), verdict.split("\"intact\":true").length - 1, what + ": " + verdict);
                    assertFalse(verdict.contains("\"intact\":false"), what + ": " + verdict);
                }
                if (!c[0].startsWith("ER-2Chains")) { // Bouncy Castle checks single data objects, not RFC 4998's data group
                    ERSEvidenceRecord bc = new ERSEvidenceRecord(record, new JcaDigestCalculatorProviderBuilder().build());
                    if (data == document) {
                        bc.validatePresent(new ERSByteData(data), new Date());
                    } else {
                        assertThrows(Exception.class, () -> bc.validatePresent(new ERSByteData(data), new Date()), what);
                    }
                }
            }
        }
        HttpResponse<byte[]> malformed = verify(testData("BIN-1.bin"), testData("BIN-1_ER_malformed.ers"));
        assertEquals(400, malformed.statusCode(), SignetServer.text(malformed));
        assertTrue(SignetServer.text(malformed).contains("not an RFC 4998 record"), SignetServer.text(malformed));
    }

    private static byte[] testData(String name) throws Exception {
        try (var in = ArchiveIT.class.getResourceAsStream("/" + name)) {
            assertTrue(in != null, name + " is in DSS's test data");
            return in.readAllBytes();
        }
    }

    /**
     * A signature value enters the archive on its own, under its SHA-256, which the signing answers with as the
     * signature's id (REST header, SOAP field): its evidence record, asked for by that id, proves the value Bouncy
     * Castle finds in the .p7s; EU DSS validates it over those bytes and not over a changed copy.
     */
    @Test
    void aSignatureValueEntersOnItsOwnAndItsEvidenceIsFoundByTheSignatureId() throws Exception {
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/file?seal=demo", "text/plain",
                "An order signed as a detached CAdES signature".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        String id = signed.headers().firstValue("X-Signet-Signature-Id").orElseThrow();
        byte[] value = new CMSSignedData(signed.body()).getSignerInfos().getSigners().iterator().next().getSignature();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value)), id,
                "the signature id is the SHA-256 of the signature value the .p7s holds");

        FileSignRequest request = new FileSignRequest();
        request.setSeal("demo");
        request.setDocument(new DataHandler(new ByteArrayDataSource("Another order".getBytes(StandardCharsets.UTF_8), "text/plain")));
        request.setDocumentName("order.txt");
        var soap = SignetServer.demoSoap().signFile(request);
        assertTrue(soap.getSignatureId() != null && soap.getSignatureId().matches("[0-9a-f]{64}"), soap.getSignatureId());

        SignetServer.demoAdministration().sealArchive();
        HttpResponse<byte[]> record = SignetServer.send("GET", "/signet/api/archive/evidence/" + id, SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null);
        assertEquals(200, record.statusCode(), SignetServer.text(record));
        SimpleReport dss = OutsideVerifiers.dss(record.body(), value);
        assertEquals(Indication.PASSED, dss.getIndication(dss.getFirstEvidenceRecordId()), "DSS over the signature value");
        byte[] changed = value.clone();
        changed[0] ^= 1;
        SimpleReport other = OutsideVerifiers.dss(record.body(), changed);
        assertEquals(SubIndication.SIGNED_DATA_NOT_FOUND, other.getSubIndication(other.getFirstEvidenceRecordId()));
        assertEquals(200, SignetServer.send("GET", "/signet/api/archive/evidence/" + soap.getSignatureId(), SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null).statusCode(), "the SOAP signing's signature value too");
    }

    private static byte[] evidence(byte[] document) {
        HttpResponse<byte[]> response = SignetServer.demoPost("/signet/api/archive/evidence", "application/pdf", document);
        assertEquals(200, response.statusCode(), SignetServer.text(response));
        return response.body();
    }

    private static int chains(byte[] record) {
        return org.bouncycastle.asn1.tsp.EvidenceRecord.getInstance(record).getArchiveTimeStampSequence().getArchiveTimeStampChains().length;
    }

    private static Path storeFile(byte[] document) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
        return SignetServer.dataDirectory().resolve("archive").resolve("documents").resolve(sha.substring(0, 2))
                .resolve(sha.substring(2, 4)).resolve(sha);
    }

    private static int evidenceStatus(byte[] document) throws Exception {
        return SignetServer.send("GET", "/signet/api/archive/evidence/" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(document)), SignetServer.DEMO_USER, SignetServer.demoPassword(), null, null).statusCode();
    }

    /** signet_archive_unsealed_entries once it counts one entry or more (it is refreshed every 30 s); else its last value. */
    private static double waitingGauge() throws InterruptedException {
        long deadline = System.nanoTime() + 45_000_000_000L;
        double value = -1;
        while (System.nanoTime() < deadline && value < 1) {
            Matcher line = WAITING.matcher(SignetServer.text(SignetServer.send("GET", "http://localhost:10090/prometheus", null, null,
                    null, null)));
            value = line.find() ? Double.parseDouble(line.group(1)) : -1;
            Thread.sleep(value < 1 ? 500 : 0);
        }
        return value;
    }

    private static HttpResponse<byte[]> verify(byte[] document, byte[] record) {
        String boundary = "signet-archive-it";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] part : new String[][] {{"document", "document.pdf"}, {"evidenceRecord", "document.ers"}}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0] + "\"; filename=\"" + part[1]
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(part[0].equals("document") ? document : record);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return SignetServer.demoPost("/signet/api/archive/verification", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static byte[] signPdf(String text) {
        return signPdf(text, "demo");
    }

    private static byte[] signPdf(String text, String seal) {
        HttpResponse<byte[]> response = SignetServer.demoPost("/signet/api/sign/pdf?seal=" + seal, "application/pdf",
                TestDocuments.pdf(1, text));
        assertEquals(200, response.statusCode(), SignetServer.text(response));
        return response.body();
    }
}
