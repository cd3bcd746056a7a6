package org.signet.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.signet.model.SignetException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.InflaterInputStream;

/** Cheap structural checks on PDF input, made before any parser sees it. */
public final class PdfDocuments {

    private static final byte[] HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    /** ISO 32000 lets readers look for the header in the first 1024 bytes and for %%EOF in the last 1024. */
    private static final int WINDOW = 1024;

    /** More page tree nodes than any real document has pages: a bound on what a hostile file makes a reader walk. */
    public static final int MAX_PAGE_TREE_NODES = 1_000_000;

    private PdfDocuments() { }

    /** The one rule for "is this a PDF": a {@code %PDF-} header within the first 1024 bytes, as readers look for it. */
    public static boolean hasPdfHeader(byte[] document) {
        return document != null && indexOf(document, HEADER, 0, Math.min(document.length, WINDOW)) >= 0;
    }

    public static void requireWholePdf(byte[] document) {
        if (document == null || document.length == 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the document is empty");
        }
        if (!hasPdfHeader(document)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the document is not a PDF (no %PDF- header)");
        }
        // A lenient parser would silently repair a cut-off file; signing it would seal a damaged document.
        if (indexOf(document, END, Math.max(0, document.length - WINDOW), document.length) < 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "the PDF is truncated (no %%EOF marker at its end)");
        }
    }

    /**
     * PDF before 1.6 knows only SHA-1 for signatures (ISO 32000 / Adobe's 1.5 reference), and signature pads
     * apply it. An unsigned older PDF is raised to 1.7 (rewritten, which is harmless before any signature); a signed
     * one by an incremental update that declares /Version 1.7 in its catalog: every byte its signatures cover stays.
     */
    public static byte[] atLeastVersion16(byte[] pdf, String name) {
        if (headerVersion(pdf) >= 16) {
            return pdf;
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            if (document.getVersion() >= 1.6f) {
                return pdf; // the catalog's /Version overrides an older header
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 1024);
            if (!document.getSignatureDictionaries().isEmpty()) {
                if (document.isEncrypted()) {
                    throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + name + "' is an encrypted signed PDF "
                            + document.getVersion() + ": a signature with SHA-256 or stronger needs PDF 1.6");
                }
                document.getDocumentCatalog().setVersion("1.7");
                document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
                document.saveIncremental(out);
                return out.toByteArray();
            }
            document.setVersion(1.7f);
            // Without object streams: the closest rewrite of a pre-1.5 file, and its header says 1.7 as asked.
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + name + "' is not a PDF that can be signed: "
                    + reason(e), e);
        }
    }

    /**
     * Refuses a PDF whose page tree is not a tree: a node that contains itself, a page in two places, a kid that is
     * not a dictionary. Readers disagree on such files (qpdf rejects them, others loop or skip pages), so a signature
     * over one would seal a document that shows differently in each reader.
     */
    public static void requireSoundPageTree(PDDocument document, String name) {
        Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<COSBase> toVisit = new ArrayList<>(); // a stack that holds the nulls of a damaged file
        toVisit.add(document.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.PAGES));
        while (!toVisit.isEmpty()) {
            COSBase node = toVisit.remove(toVisit.size() - 1);
            if (!(node instanceof COSDictionary dictionary)) {
                throw unsound(name, "a node of its page tree is not a dictionary");
            }
            if (!seen.add(dictionary)) {
                throw notATree(name, COSName.PAGE.equals(dictionary.getCOSName(COSName.TYPE)));
            }
            if (seen.size() > MAX_PAGE_TREE_NODES) {
                throw unsound(name, "its page tree has more than " + MAX_PAGE_TREE_NODES + " nodes");
            }
            if (!COSName.PAGE.equals(dictionary.getCOSName(COSName.TYPE))) {
                COSArray kids = dictionary.getCOSArray(COSName.KIDS);
                if (kids == null) {
                    throw unsound(name, "a node of its page tree is neither a page nor has /Kids");
                }
                for (int i = kids.size() - 1; i >= 0; i--) {
                    toVisit.add(kids.getObject(i));
                }
            }
        }
    }

    /** The refusal of a page tree with a node met twice: a page in two places, or a node that contains itself. */
    public static SignetException notATree(String name, boolean pageTwice) {
        return unsound(name, pageTwice ? "a page appears twice in its page tree" : "its page tree contains itself (a loop)");
    }

    private static SignetException unsound(String name, String why) {
        return new SignetException(SignetException.Kind.INVALID_INPUT, "'" + name + "' is not a PDF that can be signed: " + why);
    }

    /** "%PDF-1.4" gives 14; unreadable gives 0. */
    public static int headerVersion(byte[] pdf) {
        int at = indexOf(pdf, HEADER, 0, Math.min(pdf.length, WINDOW));
        if (at < 0 || at + 8 > pdf.length || pdf[at + 6] != '.') {
            return 0;
        }
        int major = pdf[at + 5] - '0';
        int minor = pdf[at + 7] - '0';
        return major < 0 || major > 9 || minor < 0 || minor > 9 ? 0 : major * 10 + minor;
    }

    private static final Pattern PDFA_PART = Pattern.compile("pdfaid:part(?:>|=\")\\s*(\\d)");
    private static final Pattern PDFA_CONFORMANCE =
            Pattern.compile("pdfaid:conformance(?:>|=\")\\s*([A-Za-z])");

    /** XMP packets are a few kilobytes; a PDF/A claim never needs more than this. */
    static final int MAX_XMP = 1 << 20;

    /**
     * The XMP metadata of the catalog, or "" when there is none, it cannot be read, or it is larger than
     * {@link #MAX_XMP}: read from the raw stream through a bounded inflater, since PDFBox would decode the whole
     * stream into memory first (a Flate bomb of gigabytes in a 4 MB file).
     */
    public static String xmpMetadata(PDDocument document) {
        PDMetadata metadata = document.getDocumentCatalog().getMetadata();
        if (metadata == null) {
            return "";
        }
        COSStream stream = metadata.getCOSObject();
        COSBase filter = stream.getFilters();
        if (filter instanceof COSArray array && array.size() == 1) {
            filter = array.getObject(0);
        }
        boolean flate = COSName.FLATE_DECODE.equals(filter);
        if (filter != null && !flate) {
            return ""; // XMP is stored plain or with Flate; anything else is not read
        }
        try (InputStream raw = stream.createRawInputStream();
             InputStream in = flate ? new InflaterInputStream(raw) : raw) {
            byte[] xmp = in.readNBytes(MAX_XMP + 1);
            return xmp.length > MAX_XMP ? "" : new String(xmp, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The PDF/A part the document claims in its XMP metadata ("1", "2", ...), or null: a claim, not a check. */
    public static String pdfaPart(PDDocument document) {
        return firstGroup(PDFA_PART, xmpMetadata(document));
    }

    /** The PDF/A conformance level claimed ("A", "B", "U"), or null. */
    public static String pdfaConformance(PDDocument document) {
        String level = firstGroup(PDFA_CONFORMANCE, xmpMetadata(document));
        return level == null ? null : level.toUpperCase(Locale.ROOT);
    }

    private static String firstGroup(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** The signature fields nobody has signed yet, in form order (DSS reports only signed ones). */
    public static List<String> emptySignatureFields(byte[] pdf) {
        List<String> empty = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            if (form != null) {
                for (PDField field : form.getFieldTree()) {
                    if (field instanceof PDSignatureField signature && signature.getSignature() == null) {
                        empty.add(field.getFullyQualifiedName());
                    }
                }
            }
        } catch (IOException e) {
            // a form PDFBox cannot read has no empty fields to offer; the signing itself reports the real problem
        }
        return empty;
    }

    /**
     * The field to sign into: {@code null} for a new (invisible) field, "*" for the first empty signature field,
     * else that field, which must exist and be empty.
     */
    public static String targetField(byte[] pdf, String requested, String name) {
        if (requested == null) {
            return null;
        }
        List<String> empty = emptySignatureFields(pdf);
        if (requested.equals("*")) {
            if (empty.isEmpty()) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + name + "' has no empty signature field to sign into");
            }
            return empty.get(0);
        }
        if (!empty.contains(requested)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + name + "' has no empty signature field named '"
                    + requested + "'" + (empty.isEmpty() ? "" : " (empty fields: " + String.join(", ", empty) + ")"));
        }
        return requested;
    }

    public static String signedName(String name) {
        String base = name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? name.substring(0, name.length() - 4) : name;
        return base + "-signed.pdf";
    }

    /** The innermost message, which names the actual problem rather than the wrapper's. */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
