package org.signet.archive;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.apache.xml.security.Init;
import org.apache.xml.security.c14n.Canonicalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * RFC 6283 records from the archive's trees: valid by the RFC's schema, renewals over the canonical form that
 * Santuario computes, and EU DSS's judgement over the document: PASSED, with every renewal, for each leaf.
 */
class XmlEvidenceRecordsTest {

    private static TestTimeStampAuthority tsa;

    @TempDir
    Path dir;

    @BeforeAll
    static void authority() throws Exception {
        tsa = new TestTimeStampAuthority();
        Init.init();
    }

    @Test
    void recordsWithRenewalsPassDssForEachLeafAndFailForAChangedDocument() throws Exception {
        int n = 5;
        byte[] leaves = new byte[n * HashTree.HASH_BYTES];
        for (int i = 0; i < n; i++) {
            System.arraycopy(sha256(document(i)), 0, leaves, i * HashTree.HASH_BYTES, HashTree.HASH_BYTES);
        }
        Path file = dir.resolve("tree");
        byte[] token = tsa.timeStamp(HashTree.write(leaves, file));
        List<byte[]> renewals = new ArrayList<>();
        for (int renewal = 0; renewal < 2; renewal++) {
            byte[] previous = renewals.isEmpty() ? token : renewals.get(renewals.size() - 1);
            renewals.add(tsa.timeStamp(XmlEvidenceRecords.renewalDigest(previous)));
        }
        for (int i = 0; i < n; i++) {
            byte[] record = XmlEvidenceRecords.encode(HashTree.reducedTree(file, n, i), token, renewals);
            SimpleReport report = dss(record, document(i));
            String id = report.getFirstEvidenceRecordId();
            assertEquals(Indication.PASSED, report.getIndication(id), "leaf " + i + ": " + report.getSubIndication(id)
                    + " " + report.getAdESValidationErrors(id));
            assertEquals(3, report.getEvidenceRecordTimestamps(id).size());
            byte[] changed = document(i);
            changed[0] ^= 1;
            SimpleReport other = dss(record, changed);
            assertNotEquals(Indication.PASSED, other.getIndication(other.getFirstEvidenceRecordId()));
        }
    }

    @Test
    void theSchemaAcceptsARecordAndEachRenewalHashesTheCanonicalFormOfThePreviousTimeStamp() throws Exception {
        byte[] leaves = sha256(document(0));
        Path file = dir.resolve("one");
        byte[] token = tsa.timeStamp(HashTree.write(leaves, file));
        List<byte[]> renewals = List.of(tsa.timeStamp(XmlEvidenceRecords.renewalDigest(token)), tsa.timeStamp(new byte[32]));
        byte[] record = XmlEvidenceRecords.encode(HashTree.reducedTree(file, 1, 0), token, renewals);

        SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        schemas.newSchema(new StreamSource(getClass().getResource("/xsd/rfc6283_ers.xsd").toExternalForm())).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(record)));

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(record));
        NodeList timeStamps = xml.getElementsByTagNameNS(XmlEvidenceRecords.NAMESPACE, "TimeStamp");
        assertEquals(3, timeStamps.getLength());
        List<byte[]> tokens = List.of(token, renewals.get(0), renewals.get(1));
        for (int i = 0; i < timeStamps.getLength(); i++) {
            ByteArrayOutputStream canonical = new ByteArrayOutputStream();
            Canonicalizer.getInstance(XmlEvidenceRecords.C14N).canonicalizeSubtree(timeStamps.item(i), canonical);
            assertArrayEquals(sha256(canonical.toByteArray()), XmlEvidenceRecords.renewalDigest(tokens.get(i)), "time stamp " + i);
        }
    }

    private static SimpleReport dss(byte[] record, byte[] document) throws Exception {
        return tsa.dss(record, "record.xers", document);
    }

    private static byte[] document(int i) {
        return ("binary document " + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
