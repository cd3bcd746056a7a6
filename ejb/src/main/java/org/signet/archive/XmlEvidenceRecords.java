package org.signet.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * RFC 6283 (XMLERS) evidence records: the same reduced hash tree and first time stamp as the DER form, since both
 * syntaxes hash a tree alike. Their time-stamp renewals are their own: XMLERS renews over the canonical XML of the
 * previous {@code TimeStamp} element (RFC 6283 §4.2), where RFC 4998 renews over its DER.
 */
public final class XmlEvidenceRecords {

    static final String NAMESPACE = "urn:ietf:params:xml:ns:ers";
    static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    static final String C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";

    private XmlEvidenceRecords() { }

    /**
     * @param reducedTree   the entry's reduced hash tree, leaf level first
     * @param timeStamp     the RFC 3161 token over the tree's root
     * @param renewals      the XMLERS renewal tokens of the tree, in order
     */
    public static byte[] encode(List<byte[][]> reducedTree, byte[] timeStamp, List<byte[]> renewals) {
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder xml = new StringBuilder(4096).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<EvidenceRecord xmlns=\"").append(NAMESPACE).append("\" Version=\"1.0\">\n")
                .append("  <ArchiveTimeStampSequence>\n")
                .append("    <ArchiveTimeStampChain Order=\"1\">\n")
                .append("      <DigestMethod Algorithm=\"").append(SHA256).append("\"/>\n")
                .append("      <CanonicalizationMethod Algorithm=\"").append(C14N).append("\"/>\n")
                .append("      <ArchiveTimeStamp Order=\"1\">\n")
                .append("        <HashTree>\n");
        for (int level = 0; level < reducedTree.size(); level++) {
            xml.append("          <Sequence Order=\"").append(level + 1).append("\">");
            for (byte[] hash : reducedTree.get(level)) {
                xml.append("<DigestValue>").append(base64.encodeToString(hash)).append("</DigestValue>");
            }
            xml.append("</Sequence>\n");
        }
        xml.append("        </HashTree>\n        ").append(timeStampElement(timeStamp, "")).append("\n      </ArchiveTimeStamp>\n");
        for (int i = 0; i < renewals.size(); i++) {
            xml.append("      <ArchiveTimeStamp Order=\"").append(i + 2).append("\">\n        ")
                    .append(timeStampElement(renewals.get(i), "")).append("\n      </ArchiveTimeStamp>\n");
        }
        xml.append("    </ArchiveTimeStampChain>\n  </ArchiveTimeStampSequence>\n</EvidenceRecord>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What the renewal after the archive time stamp with {@code previousToken} time-stamps: the SHA-256 of that
     * {@code TimeStamp} element's canonical form, which is the element as {@link #encode} writes it with the
     * namespace it inherits declared on it (inclusive C14N 1.0 of a subtree).
     */
    public static byte[] renewalDigest(byte[] previousToken) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(timeStampElement(previousToken, " xmlns=\"" + NAMESPACE + "\"")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No white space inside: the element's canonical form, which renewals hash, is exactly what is written. */
    private static String timeStampElement(byte[] token, String namespace) {
        return "<TimeStamp" + namespace + "><TimeStampToken Type=\"RFC3161\">" + Base64.getEncoder().encodeToString(token)
                + "</TimeStampToken></TimeStamp>";
    }
}
