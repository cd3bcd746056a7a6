package org.signet.client;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.signet.client.soap.LogProof;
import org.signet.client.soap.SignedTreeHead;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.Signing;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.signet.client.SignetCli.NOT_VALID;
import static org.signet.client.SignetCli.OK;

/**
 * {@code signet log head|inclusion|consistency}: an auditor's look at the archive's log (RFC 9162), each answer checked
 * here: a head's time stamp over its TreeHeadDataV2, a sealed tree's root proven in the log, an earlier head proven the
 * start of a later one. Exit 0 when the check holds, 1 when it does not.
 */
final class LogCommand extends Command {

    private static final HexFormat HEX = HexFormat.of();

    LogCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String[] args, Map<String, String> o) throws SignetFault {
        String command = args.length < 2 ? "" : args[1];
        Signing signing = connect(o);
        switch (command) {
            case "head" -> {
                return head(signing.logTreeHead(size(o, "size"))) == null ? NOT_VALID : OK;
            }
            case "inclusion" -> {
                SignedTreeHead head = head(signing.logTreeHead(size(o, "size")));
                if (head == null) {
                    return NOT_VALID;
                }
                byte[] root = hash(required(o, "root"), "--root");
                LogProof proof = signing.logInclusionProof(HEX.formatHex(root), head.getTreeSize());
                boolean holds = proof.getLeafIndex() != null && LogProofs.included(proof.getLeafIndex(), head.getTreeSize(),
                        LogProofs.leafHash(root), hashes(proof), HEX.parseHex(head.getRootSha256()));
                out.println(holds ? "INCLUDED  root " + HEX.formatHex(root) + " is leaf " + proof.getLeafIndex() + " of the log of "
                        + head.getTreeSize() : "NOT PROVEN  the proof does not lead to the head's root");
                return holds ? OK : NOT_VALID;
            }
            case "consistency" -> {
                Long firstSize = size(o, "first-size");
                if (firstSize == null) {
                    throw new UsageException("--first-size is required");
                }
                byte[] firstRoot = hash(required(o, "first-root"), "--first-root");
                SignedTreeHead head = head(signing.logTreeHead(size(o, "size")));
                if (head == null) {
                    return NOT_VALID;
                }
                LogProof proof = signing.logConsistencyProof(firstSize, head.getTreeSize());
                boolean holds = LogProofs.consistent(firstSize, head.getTreeSize(), firstRoot, HEX.parseHex(head.getRootSha256()), hashes(proof));
                out.println(holds ? "CONSISTENT  the log of " + firstSize + " with root " + HEX.formatHex(firstRoot) + " is the start of the log of "
                        + head.getTreeSize() : "NOT CONSISTENT  the log of " + firstSize + " leaves was not that, or was rewritten");
                return holds ? OK : NOT_VALID;
            }
            default -> throw new UsageException("log takes: head [--size N] | inclusion --root HEX [--size N]"
                    + " | consistency --first-size M --first-root HEX [--size N]");
        }
    }

    /** The head printed, when its time stamp covers what it says and its signature holds; otherwise why not, and null. */
    private SignedTreeHead head(SignedTreeHead head) {
        try {
            byte[] root = HEX.parseHex(head.getRootSha256());
            byte[] treeHeadData = ByteBuffer.allocate(8 + 8 + 1 + root.length + 2).putLong(head.getTimestamp()).putLong(head.getTreeSize())
                    .put((byte) root.length).put(root).putShort((short) 0).array();
            TimeStampToken token = new TimeStampToken(new CMSSignedData(head.getTimeStampToken()));
            X509CertificateHolder tsa = (X509CertificateHolder) token.getCertificates().getMatches(token.getSID()).iterator().next();
            boolean covers = Arrays.equals(MessageDigest.getInstance("SHA-256").digest(treeHeadData),
                    token.getTimeStampInfo().getMessageImprintDigest());
            boolean signed = token.isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
            if (!covers || !signed) {
                out.println("NOT VALID  the head's time stamp " + (covers ? "has a broken signature" : "covers another head"));
                return null;
            }
            out.println("log of " + head.getTreeSize() + " leaves, root " + head.getRootSha256() + ", made " + head.getMadeAt()
                    + ", time-stamped " + token.getTimeStampInfo().getGenTime().toInstant() + " by " + tsa.getSubject());
            return head;
        } catch (Exception e) {
            out.println("NOT VALID  the head's time stamp cannot be read: " + e.getMessage());
            return null;
        }
    }

    private static List<byte[]> hashes(LogProof proof) {
        return proof.getHash().stream().map(HEX::parseHex).toList();
    }

    private static byte[] hash(String hex, String option) {
        try {
            byte[] hash = HEX.parseHex(hex.strip().toLowerCase(java.util.Locale.ROOT));
            if (hash.length == 32) {
                return hash;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new UsageException(option + " is a SHA-256 in hex (64 characters), not '" + hex + "'");
    }

    private static Long size(Map<String, String> o, String option) {
        String value = o.get(option);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " is a number of leaves, not '" + value + "'");
        }
    }
}
