package org.signet.it;

import dev.sigstore.merkle.InclusionProofVerifier;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signet.it.JsonFields.number;
import static org.signet.it.JsonFields.text;

/**
 * The archive's log as an auditor uses it, without credentials: each sealing adds its tree's root; a head is
 * time-stamped over RFC 9162's TreeHeadDataV2; a day's root is proven in the log by an inclusion proof that
 * sigstore-java's verifier accepts; and an earlier head's root is what the leaves it covered still hash to.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransparencyLogIT {

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @Test
    void eachSealingIsALeafOfATimeStampedLogWhoseProofsAnOutsideVerifierAccepts() throws Exception {
        sealOneDocument("First day");
        String earlier = get("/signet/log/tree-head");
        byte[] document = sealOneDocument("Second day");
        HttpResponse<byte[]> latest = SignetServer.send("GET", "/signet/log/tree-head", null, null, null, null);
        assertEquals(200, latest.statusCode(), SignetServer.text(latest));
        assertTrue(latest.headers().firstValue("Cache-Control").orElse("").contains("max-age=60"));
        String head = SignetServer.text(latest);
        long size = number(head, "treeSize");
        byte[] root = HEX.parseHex(text(head, "rootSha256"));
        assertTrue(size >= 2 && size == number(earlier, "treeSize") + 1, earlier + " then " + head);

        // The head's time stamp covers TreeHeadDataV2 (timestamp, size, root, no extensions), signed by Signet's TSA.
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(Base64.getDecoder().decode(text(head, "timeStampToken"))));
        byte[] treeHeadData = ByteBuffer.allocate(51).putLong(number(head, "timestamp")).putLong(size).put((byte) 32).put(root)
                .putShort((short) 0).array();
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(treeHeadData), token.getTimeStampInfo().getMessageImprintDigest());
        @SuppressWarnings("unchecked")
        X509CertificateHolder tsa = (X509CertificateHolder) token.getCertificates().getMatches(token.getSID()).iterator().next();
        assertTrue(token.isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder().build(tsa)));

        // The second document's day is the last leaf: its root is what its evidence record's time stamp covers.
        byte[] record = SignetServer.demoPost("/signet/api/archive/evidence", "application/pdf", document).body();
        String dayRoot = HEX.formatHex(dayRootOf(record));
        String proof = get("/signet/log/inclusion?root=" + dayRoot + "&treeSize=" + size);
        assertEquals(size - 1, number(proof, "leafIndex"));
        List<byte[]> path = hashes(proof);
        byte[] leafHash = leafHash(HEX.parseHex(dayRoot));
        InclusionProofVerifier.verify(leafHash, size - 1, size, path, root);
        byte[] otherLeaf = leafHash(new byte[32]);
        assertThrows(Exception.class, () -> InclusionProofVerifier.verify(otherLeaf, size - 1, size, path, root));

        // An auditor holding an earlier head recomputes it from the log's leaves: the past was not rewritten.
        String leaves = get("/signet/log/leaves?start=0&end=" + size);
        List<byte[]> leafHashes = new ArrayList<>();
        Matcher roots = Pattern.compile("\"rootSha256\":\"([0-9a-f]{64})\"").matcher(leaves);
        while (roots.find()) {
            leafHashes.add(leafHash(HEX.parseHex(roots.group(1))));
        }
        assertEquals(size, leafHashes.size(), leaves);
        int earlierSize = (int) number(earlier, "treeSize");
        assertEquals(text(earlier, "rootSha256"), HEX.formatHex(treeHash(leafHashes.subList(0, earlierSize))));
        assertArrayEquals(root, treeHash(leafHashes));
        String consistency = get("/signet/log/consistency?first=" + earlierSize + "&second=" + size);
        assertEquals(earlierSize, number(consistency, "firstSize"));
        assertTrue(hashes(consistency).size() >= 1, consistency);

        // The command line checks the same on its side of the wire (over SOAP): the head's time stamp, the day's root in
        // the log, and the earlier head as the log's start; a forged earlier root is not consistent.
        Map<String, String> env = Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER", SignetServer.DEMO_USER,
                "SIGNET_PASSWORD", SignetServer.demoPassword());
        CommandLineIT.Result head2 = CommandLineIT.run(dir, env, "log", "head", "--size", Long.toString(size));
        assertEquals(0, head2.exitCode(), head2.stdout() + head2.stderr());
        assertTrue(head2.stdout().startsWith("log of " + size + " leaves, root " + HEX.formatHex(root)), head2.stdout());
        CommandLineIT.Result included = CommandLineIT.run(dir, env, "log", "inclusion", "--root", dayRoot, "--size", Long.toString(size));
        assertEquals(0, included.exitCode(), included.stdout() + included.stderr());
        assertTrue(included.stdout().contains("INCLUDED  root " + dayRoot + " is leaf " + (size - 1)), included.stdout());
        CommandLineIT.Result consistent = CommandLineIT.run(dir, env, "log", "consistency", "--first-size", Integer.toString(earlierSize),
                "--first-root", text(earlier, "rootSha256"), "--size", Long.toString(size));
        assertEquals(0, consistent.exitCode(), consistent.stdout() + consistent.stderr());
        CommandLineIT.Result forged = CommandLineIT.run(dir, env, "log", "consistency", "--first-size", Integer.toString(earlierSize),
                "--first-root", "ab".repeat(32), "--size", Long.toString(size));
        assertEquals(1, forged.exitCode(), forged.stdout() + forged.stderr());
        assertTrue(forged.stdout().contains("NOT CONSISTENT"), forged.stdout());

        // A head of a given size is the same forever; refusals are plain.
        HttpResponse<byte[]> fixed = SignetServer.send("GET", "/signet/log/tree-head?treeSize=" + earlierSize, null, null, null, null);
        assertEquals(text(earlier, "timeStampToken"), text(SignetServer.text(fixed), "timeStampToken"));
        assertTrue(fixed.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
        assertEquals(404, SignetServer.send("GET", "/signet/log/inclusion?root=" + "00".repeat(32), null, null, null, null).statusCode());
        assertEquals(400, SignetServer.send("GET", "/signet/log/consistency?first=x", null, null, null, null).statusCode());
        assertEquals(400, SignetServer.send("GET", "/signet/log/tree-head?treeSize=" + (size + 100), null, null, null, null).statusCode());
    }

    private static byte[] sealOneDocument(String text) {
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo", "application/pdf", TestDocuments.pdf(1, text));
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        HttpResponse<byte[]> sealed = SignetServer.demoPost("/signet/api/archive/seal", null, null);
        assertEquals(200, sealed.statusCode(), SignetServer.text(sealed));
        return signed.body();
    }

    /** The root a DER evidence record's first time stamp covers. */
    private static byte[] dayRootOf(byte[] record) throws Exception {
        var evidence = org.bouncycastle.asn1.tsp.EvidenceRecord.getInstance(record);
        ContentInfo first = evidence.getArchiveTimeStampSequence().getArchiveTimeStampChains()[0].getArchiveTimestamps()[0].getTimeStamp();
        return new TimeStampToken(first).getTimeStampInfo().getMessageImprintDigest();
    }

    /** RFC 9162 §2.1.1, as an auditor writes it: MTH of the leaf hashes. */
    private static byte[] treeHash(List<byte[]> leafHashes) throws Exception {
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(leafHashes.size() - 1);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((byte) 1);
        sha256.update(treeHash(leafHashes.subList(0, k)));
        return sha256.digest(treeHash(leafHashes.subList(k, leafHashes.size())));
    }

    private static byte[] leafHash(byte[] input) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((byte) 0);
        return sha256.digest(input);
    }

    private static String get(String path) {
        HttpResponse<byte[]> response = SignetServer.send("GET", path, null, null, null, null);
        assertEquals(200, response.statusCode(), path + ": " + SignetServer.text(response));
        return SignetServer.text(response);
    }

    private static List<byte[]> hashes(String proof) {
        Matcher path = Pattern.compile("\"path\":\\[([^]]*)]").matcher(proof);
        assertTrue(path.find(), proof);
        List<byte[]> hashes = new ArrayList<>();
        Matcher hash = Pattern.compile("\"([0-9a-f]{64})\"").matcher(path.group(1));
        while (hash.find()) {
            hashes.add(HEX.parseHex(hash.group(1)));
        }
        return hashes;
    }

}
