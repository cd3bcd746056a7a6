package org.signet.hotfolder;

import org.signet.document.Documents;
import org.signet.document.PdfDocuments;
import org.signet.model.SignatureFormat;
import org.signet.model.SignetException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * What a batch signs: the names in its folder, and each file read, or failed with the reason it cannot be signed
 * (an unsafe name, a link, too large, not the root's format, an output already there that is not Signet's).
 */
final class BatchInputs {

    private BatchInputs() { }

    /** The files of the batch folder to sign, by name: plain files that pass the root's filter, links left out. */
    static List<String> files(HotFolder folder, Batch batch) {
        Path dir = HotFolderNames.child(folder.root(), batch.name());
        PathMatcher filter = folder.filter() == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + folder.filter());
        // Outputs made of their originals and named just before a crash: the original's name left the batch folder.
        Set<String> movedIntoOutputs = new HashSet<>(MovedOriginals.movedIntoOutputs(folder.outgoing().resolve(batch.name())));
        movedIntoOutputs.removeIf(name -> !HotFolderNames.isSafeName(name));
        List<String> names = new ArrayList<>(movedIntoOutputs);
        if (!HotFolderNames.isPlainDirectory(dir)) {
            names.sort(null);
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.equals(folder.approvalFile()) || name.startsWith(".") || (filter != null && !filter.matches(entry.getFileName()))) {
                    continue;
                }
                if (!movedIntoOutputs.contains(name)) {
                    names.add(name); // links and unsafe names are kept, to fail with a reason rather than vanish
                }
            }
        } catch (IOException e) {
            throw new BatchStoppedException("cannot list the batch folder " + dir + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    /**
     * A file of the chunk that has been read and waits for its signature; or, too large to hold ({@code document} null),
     * measured and digested, to be signed where it lies.
     */
    record ToSign(String fileName, Path input, String outputName, byte[] document, long length, byte[] sha256) {

        boolean large() {
            return document == null;
        }
    }

    /**
     * Reads one file of the chunk, or records why it cannot be signed. An output already in place is Signet's own when
     * its temporary name is still a second name of it (a crash came between naming and recording it), or when the
     * ledger says it was being written (what earlier builds recorded before a rename).
     */
    static ToSign read(HotFolder folder, Batch batch, String fileName, boolean wasWriting, List<BatchLedger.Entry> entries,
                       long maxDocumentBytes, long maxLargeBytes) {
        String outputName = outputName(folder, fileName);
        Path input;
        Path output;
        try {
            input = HotFolderNames.child(HotFolderNames.child(folder.root(), batch.name()), fileName);
            output = HotFolderNames.child(folder.outgoing().resolve(batch.name()), outputName);
        } catch (IllegalArgumentException e) {
            entries.add(ErrorFolder.fail(folder, batch, fileName, null, e.getMessage()));
            return null;
        }
        // a workflow root's receipt is its workflow's: one already there is compared, not taken for a stranger's file
        if (folder.workflow() == null && OutputFiles.isTaken(output)) {
            boolean ours = wasWriting || OutputFiles.isLinkedFromTemporary(output);
            entries.add(ours ? new BatchLedger.Entry(fileName, BatchItem.Status.SIGNED, outputName, sha256(output), null)
                    : ErrorFolder.fail(folder, batch, fileName, input, "the output " + output + " exists already; Signet does not overwrite it"));
            return null;
        }
        if (folder.format() == SignatureFormat.CADES && !HotFolderNames.isPlainFile(input)) {
            // A crash came after the original became the copy next to its signature, and before the signature was named.
            Path copy = HotFolderNames.child(output.getParent(), fileName);
            if (OutputFiles.isLinkedFromTemporary(copy)) {
                input = copy;
            }
        }
        if (!HotFolderNames.isPlainFile(input)) {
            entries.add(ErrorFolder.fail(folder, batch, fileName, null, "not a regular file (links are not followed)"));
            return null;
        }
        byte[] document;
        try {
            long size = Files.size(input);
            if (size > maxDocumentBytes && size <= maxLargeBytes
                    && (folder.format() == SignatureFormat.PADES || folder.format() == SignatureFormat.CADES)) {
                return large(folder, batch, fileName, input, outputName, size, entries);
            }
            document = Documents.readFile(input, maxDocumentBytes, fileName);
        } catch (IOException e) {
            entries.add(ErrorFolder.fail(folder, batch, fileName, input, "cannot read the file: " + e.getMessage()));
            return null;
        } catch (SignetException e) {
            entries.add(ErrorFolder.fail(folder, batch, fileName, input, e.getMessage()));
            return null;
        }
        String wrongType = wrongType(folder.format(), document);
        if (wrongType != null) {
            entries.add(ErrorFolder.fail(folder, batch, fileName, input, wrongType));
            return null;
        }
        return new ToSign(fileName, input, outputName, document, document.length, null);
    }

    /**
     * A PDF (signed where it lies, with a revision appended) or a file for a detached CAdES signature (of its digest)
     * that is larger than Signet holds: read once here for its type and SHA-256, which its output is checked against.
     */
    private static ToSign large(HotFolder folder, Batch batch, String fileName, Path input, String outputName, long size,
                                List<BatchLedger.Entry> entries) throws IOException {
        MessageDigest sha256 = Documents.sha256();
        byte[] head;
        long read;
        try (InputStream in = new DigestInputStream(Files.newInputStream(input, LinkOption.NOFOLLOW_LINKS), sha256)) {
            head = in.readNBytes(1024);
            read = head.length + in.transferTo(OutputStream.nullOutputStream());
        }
        String problem = read != size ? "the file changed while it was read (" + read + " bytes, " + size + " before)"
                : wrongType(folder.format(), head);
        if (problem != null) {
            entries.add(ErrorFolder.fail(folder, batch, fileName, input, problem));
            return null;
        }
        return new ToSign(fileName, input, outputName, null, size, sha256.digest());
    }

    /** A signature next to its document for CAdES, the document itself otherwise, a receipt for a document that starts a workflow. */
    static String outputName(HotFolder folder, String fileName) {
        return folder.workflow() != null ? fileName + WORKFLOW_RECEIPT : folder.format() == SignatureFormat.CADES ? fileName + ".p7s" : fileName;
    }

    static final String WORKFLOW_RECEIPT = ".workflow.json";

    /** A file that is not what the root signs, named before DSS would fail on it with a less helpful message. */
    private static String wrongType(SignatureFormat format, byte[] document) {
        if (format == SignatureFormat.PADES && !PdfDocuments.hasPdfHeader(document)) {
            return "not a PDF (no %PDF- header)";
        }
        String head = new String(document, 0, Math.min(document.length, 1024), StandardCharsets.ISO_8859_1);
        if (format == SignatureFormat.XADES && !head.replace("\uFEFF", "").replace("ï»¿", "").strip().startsWith("<")) {
            return "not an XML document";
        }
        return null;
    }

    private static String sha256(Path file) {
        MessageDigest sha256 = Documents.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            return null;
        }
    }
}
