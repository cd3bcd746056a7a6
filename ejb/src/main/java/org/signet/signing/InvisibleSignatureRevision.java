package org.signet.signing;

import org.bouncycastle.util.encoders.Hex;
import org.signet.document.SpooledDocument;
import org.signet.signing.PdfObjects.Name;
import org.signet.signing.PdfObjects.Ref;
import org.signet.signing.PdfObjects.Token;
import org.signet.signing.PdfObjects.Unsupported;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends to a PDF a revision holding a new invisible signature, with zeros in /Contents for the CMS: what PDFBox's
 * addSignature and saveIncrementalForExternalSigning write (a signature field that is its own widget, on the first
 * page, with an empty appearance; the AcroForm; the signature dictionary), without parsing the document. Only the
 * trailer, the catalog and the page tree's nodes are read ({@link PdfObjects}).
 * <p>
 * This is the hot folders' path: parsing a whole 80 KB PDF cost PDFBox more than the RSA signature itself. It covers
 * PDFs with no AcroForm (no signature, no form: scans, invoices, reports), unencrypted, PDF 1.6 or later. Anything
 * else is {@link Unsupported} and the caller goes the PDFBox way, which checks for signatures and repairs damage.
 * <p>
 * A file too large to hold ({@link SpooledDocument}) is read where it waits, and only the new revision is written:
 * the signed file is the original followed by it ({@link Appended}). Such a file may be older than PDF 1.6: the
 * revision declares 1.7 in the catalog's /Version, as an update to a signed file would.
 */
final class InvisibleSignatureRevision {

    /** The PDF with the new revision, and the /ByteRange written into it (around the hex digits of /Contents). */
    record Prepared(byte[] pdf, int[] byteRange) { }

    /**
     * The revision to append to a file too large to hold, and the /ByteRange written into it (offsets in the whole
     * signed file, which is the original followed by {@code revision}).
     */
    record Appended(byte[] revision, long originalLength, long[] byteRange) { }

    private static final String FIELD_NAME = "Signature1"; // PDFBox's name for the first signature field
    private static final String BYTE_RANGE_PLACEHOLDER = "[0 0000000000 0000000000 0000000000]";

    private InvisibleSignatureRevision() { }

    static Prepared append(byte[] pdf, PdfSignatureFields fields, String signingTime, int contentsBytes) throws Unsupported {
        PdfObjects objects = PdfObjects.read(pdf);
        Revision out = new Revision(pdf, contentsBytes);
        write(objects, out, fields, signingTime, contentsBytes, false);
        return out.finish();
    }

    /** The revision for a file too large to hold, read where it waits; nothing of the file is copied. */
    static Appended appendTo(SpooledDocument document, PdfSignatureFields fields, String signingTime, int contentsBytes)
            throws Unsupported {
        return appendTo(PdfObjects.read(document), fields, signingTime, contentsBytes);
    }

    static Appended appendTo(PdfObjects objects, PdfSignatureFields fields, String signingTime, int contentsBytes)
            throws Unsupported {
        byte last = objects.bytes(objects.length() - 1, 1)[0];
        Revision out = new Revision(objects.length(), last, contentsBytes);
        write(objects, out, fields, signingTime, contentsBytes, true);
        return out.finishAppended();
    }

    private static void write(PdfObjects objects, Revision out, PdfSignatureFields fields, String signingTime, int contentsBytes,
                              boolean declaresVersion) throws Unsupported {
        Map<String, Object> trailer = objects.trailer();
        if (trailer.containsKey("Encrypt")) {
            throw new Unsupported("encrypted");
        }
        if (!(trailer.get("Root") instanceof Ref root)) {
            throw new Unsupported("/Root is not a reference");
        }
        Map<String, Object> catalog = objects.dictionary(root, "the catalog");
        if (catalog.containsKey("AcroForm") || catalog.containsKey("Perms")) {
            throw new Unsupported("a form or permissions: signatures may be in it");
        }
        float version = objects.headerVersion();
        if (catalog.get("Version") instanceof Name name) {
            try {
                version = Math.max(version, Float.parseFloat(name.written().substring(1)));
            } catch (NumberFormatException e) {
                throw new Unsupported("catalog /Version " + name.written());
            }
        }
        boolean raisesVersion = version < 1.6f;
        if (raisesVersion && !declaresVersion) {
            throw new Unsupported("PDF " + version);
        }
        PageTree.FirstPage first = PageTree.firstPage(objects, catalog);
        Ref page = first.ref();
        Map<String, Object> pageDictionary = first.dictionary();

        int next = objects.nextNumber();
        Ref field = new Ref(next, 0);
        Ref signature = new Ref(next + 1, 0);
        Ref appearance = new Ref(next + 2, 0);

        Map<String, Object> widget = new LinkedHashMap<>();
        widget.put("FT", new Name("/Sig"));
        widget.put("Type", new Name("/Annot"));
        widget.put("Subtype", new Name("/Widget"));
        widget.put("F", new Token("132")); // print, locked
        widget.put("T", new Token(text(FIELD_NAME)));
        widget.put("V", signature);
        widget.put("P", page);
        widget.put("Rect", List.of(new Token("0"), new Token("0"), new Token("0"), new Token("0")));
        widget.put("AP", Map.of("N", appearance));
        out.object(field, widget);

        out.signature(signature, fields, signingTime, contentsBytes);

        Object annots = pageDictionary.get("Annots");
        if (annots instanceof Ref annotsRef) {
            out.object(annotsRef, appended(objects.array(annotsRef, "/Annots"), field));
        } else {
            Map<String, Object> updated = new LinkedHashMap<>(pageDictionary);
            updated.put("Annots", annots == null ? List.of(field) : appended(objects.array(annots, "/Annots"), field));
            out.object(page, updated);
        }

        out.emptyForm(appearance);

        Map<String, Object> updatedCatalog = new LinkedHashMap<>(catalog);
        Map<String, Object> acroForm = new LinkedHashMap<>();
        acroForm.put("Fields", List.of(field));
        acroForm.put("SigFlags", new Token("3"));
        updatedCatalog.put("AcroForm", acroForm);
        if (raisesVersion) {
            updatedCatalog.put("Version", new Name("/1.7")); // SHA-256 and ETSI.CAdES.detached need 1.6 at least
        }
        out.object(root, updatedCatalog);

        Map<String, Object> newTrailer = new LinkedHashMap<>();
        newTrailer.put("Root", root);
        if (trailer.containsKey("Info")) {
            newTrailer.put("Info", trailer.get("Info"));
        }
        byte[] lastKilobyte = objects.bytes(Math.max(0, objects.length() - 1024), (int) Math.min(1024, objects.length()));
        newTrailer.put("ID", List.of(firstId(trailer.get("ID"), lastKilobyte),
                new Token("<" + hex(newId(lastKilobyte, signingTime)) + ">")));
        newTrailer.put("Prev", new Token(Long.toString(objects.lastCrossReference())));
        if (objects.crossReferenceStream()) {
            out.crossReferenceStream(new Ref(next + 3, 0), newTrailer);
        } else {
            out.crossReferenceTable(next + 3, newTrailer);
        }
    }

    private static List<Object> appended(List<Object> list, Object value) {
        List<Object> copy = new ArrayList<>(list.size() + 1);
        copy.addAll(list);
        copy.add(value);
        return copy;
    }

    /** The document's permanent identifier stays; a new one is made for a file that had none. */
    private static Object firstId(Object id, byte[] lastKilobyte) {
        if (id instanceof List<?> ids && ids.size() == 2 && ids.get(0) instanceof Token first) {
            return first;
        }
        return new Token("<" + hex(newId(lastKilobyte, "")) + ">");
    }

    /** The changing identifier of this revision: unique for the file and the moment, as the standard asks. */
    private static byte[] newId(byte[] lastKilobyte, String signingTime) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(Long.toString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII));
            md5.update(signingTime.getBytes(StandardCharsets.US_ASCII));
            md5.update(lastKilobyte);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text string: literal when it is printable ASCII, otherwise UTF-16BE with its byte order mark, in hex. */
    static String text(String value) {
        boolean ascii = value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        if (ascii) {
            return "(" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")";
        }
        return "<FEFF" + hex(value.getBytes(StandardCharsets.UTF_16BE)) + ">";
    }

    /** A name object: characters outside the regular printable ones as #xx. */
    static String name(String value) {
        StringBuilder name = new StringBuilder("/");
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x21 || c > 0x7e || "#()<>[]{}/%".indexOf(c) >= 0) {
                name.append('#').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                name.append((char) c);
            }
        }
        return name.toString();
    }

    private static String hex(byte[] bytes) {
        return Hex.toHexString(bytes).toUpperCase(Locale.ROOT);
    }

    /**
     * The bytes being written: the original (unless it stays where it is: {@code base} bytes before the buffer), then
     * the new revision's objects, cross-reference and trailer.
     */
    private static final class Revision {
        private final long base;
        private byte[] buffer;
        private int length;
        /** Object number → {offset, generation} of every object of the new revision. */
        private final Map<Integer, long[]> offsets = new TreeMap<>();
        private int byteRangeAt = -1;
        private int contentsFrom;
        private int contentsTo;

        Revision(byte[] pdf, int contentsBytes) {
            base = 0;
            buffer = Arrays.copyOf(pdf, pdf.length + 2 * contentsBytes + 4096);
            length = pdf.length;
            if (length > 0 && pdf[length - 1] != '\n' && pdf[length - 1] != '\r') {
                ascii("\n");
            }
        }

        Revision(long originalLength, byte lastByte, int contentsBytes) {
            base = originalLength;
            buffer = new byte[2 * contentsBytes + 4096];
            if (lastByte != '\n' && lastByte != '\r') {
                ascii("\n");
            }
        }

        /** The offset in the whole file of what is written next. */
        private long offset() {
            return base + length;
        }

        void ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buffer[length++] = (byte) s.charAt(i);
            }
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buffer, length, b.length);
            length += b.length;
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        private void begin(Ref ref) {
            offsets.put(ref.number(), new long[] {offset(), ref.generation()});
            ascii(ref.number() + " " + ref.generation() + " obj\n");
        }

        void object(Ref ref, Object value) {
            begin(ref);
            value(value);
            ascii("\nendobj\n");
        }

        void emptyForm(Ref ref) {
            begin(ref);
            ascii("<< /Type /XObject /Subtype /Form /BBox [0 0 0 0] /Length 0 >>\nstream\n\nendstream\nendobj\n");
        }

        void signature(Ref ref, PdfSignatureFields fields, String signingTime, int contentsBytes) {
            begin(ref);
            ascii("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /" + PdfSignatureFields.ETSI_CADES_DETACHED
                    + " /M " + text(signingTime));
            entry("Name", fields.signerName());
            entry("Reason", fields.reason());
            entry("Location", fields.location());
            entry("ContactInfo", fields.contactInfo());
            ascii(" /Prop_Build << /App << /Name " + name(PadesFormat.APP_NAME) + " >> >>\n/ByteRange ");
            byteRangeAt = length;
            ascii(BYTE_RANGE_PLACEHOLDER);
            ascii("\n/Contents ");
            contentsFrom = length;
            ensure(2 * contentsBytes + 2);
            buffer[length++] = '<';
            Arrays.fill(buffer, length, length + 2 * contentsBytes, (byte) '0');
            length += 2 * contentsBytes;
            buffer[length++] = '>';
            contentsTo = length;
            ascii(" >>\nendobj\n");
        }

        private void entry(String key, String value) {
            if (value != null) {
                ascii(" /" + key + " " + text(value));
            }
        }

        @SuppressWarnings("unchecked")
        void value(Object value) {
            if (value instanceof Map<?, ?> map) {
                ascii("<<");
                for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                    ascii(" /" + e.getKey() + " ");
                    value(e.getValue());
                }
                ascii(" >>");
            } else if (value instanceof List<?> list) {
                ascii("[");
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        ascii(" ");
                    }
                    value(list.get(i));
                }
                ascii("]");
            } else if (value instanceof Ref ref) {
                ascii(ref.number() + " " + ref.generation() + " R");
            } else if (value instanceof Name name) {
                ascii(name.written());
            } else {
                ascii(((Token) value).written()); // ISO-8859-1 as read: the bytes go back unchanged
            }
        }

        /** A classic cross-reference section: subsections of consecutive numbers, 20-byte entries. */
        void crossReferenceTable(int size, Map<String, Object> trailer) {
            long at = offset();
            ascii("xref\n");
            List<List<Map.Entry<Integer, long[]>>> runs = runs();
            for (List<Map.Entry<Integer, long[]>> run : runs) {
                ascii(run.get(0).getKey() + " " + run.size() + "\n");
                for (Map.Entry<Integer, long[]> e : run) {
                    ascii(padded(e.getValue()[0], 10) + " " + padded(e.getValue()[1], 5) + " n\r\n");
                }
            }
            trailer.put("Size", new Token(Integer.toString(size)));
            ascii("trailer\n");
            value(trailer);
            ascii("\nstartxref\n" + at + "\n%%EOF\n");
        }

        /** A cross-reference stream, unfiltered, listing itself as well. */
        void crossReferenceStream(Ref self, Map<String, Object> trailer) {
            long at = offset();
            offsets.put(self.number(), new long[] {at, 0});
            List<List<Map.Entry<Integer, long[]>>> runs = runs();
            List<Object> index = new ArrayList<>();
            int width = at > 0xFFFFFFFFL ? 5 : 4; // offsets past 4 GiB need a fifth byte
            byte[] data = new byte[offsets.size() * (3 + width)];
            int i = 0;
            for (List<Map.Entry<Integer, long[]>> run : runs) {
                index.add(new Token(Integer.toString(run.get(0).getKey())));
                index.add(new Token(Integer.toString(run.size())));
                for (Map.Entry<Integer, long[]> e : run) {
                    long offset = e.getValue()[0];
                    long generation = e.getValue()[1];
                    data[i++] = 1;
                    if (width == 5) {
                        data[i++] = (byte) (offset >>> 32);
                    }
                    data[i++] = (byte) (offset >>> 24);
                    data[i++] = (byte) (offset >>> 16);
                    data[i++] = (byte) (offset >>> 8);
                    data[i++] = (byte) offset;
                    data[i++] = (byte) (generation >>> 8);
                    data[i++] = (byte) generation;
                }
            }
            Map<String, Object> dictionary = new LinkedHashMap<>();
            dictionary.put("Type", new Name("/XRef"));
            dictionary.put("Size", new Token(Integer.toString(self.number() + 1)));
            dictionary.put("Index", index);
            dictionary.put("W", List.of(new Token("1"), new Token(Integer.toString(width)), new Token("2")));
            dictionary.putAll(trailer);
            dictionary.put("Length", new Token(Integer.toString(data.length)));
            ascii(self.number() + " 0 obj\n");
            value(dictionary);
            ascii("\nstream\n");
            bytes(data);
            ascii("\nendstream\nendobj\nstartxref\n" + at + "\n%%EOF\n");
        }

        private List<List<Map.Entry<Integer, long[]>>> runs() {
            List<List<Map.Entry<Integer, long[]>>> runs = new ArrayList<>();
            List<Map.Entry<Integer, long[]>> run = null;
            int last = -2;
            for (Map.Entry<Integer, long[]> e : offsets.entrySet()) {
                if (e.getKey() != last + 1) {
                    run = new ArrayList<>();
                    runs.add(run);
                }
                run.add(e);
                last = e.getKey();
            }
            return runs;
        }

        private static String padded(long value, int width) {
            String digits = Long.toString(value);
            return "0".repeat(Math.max(0, width - digits.length())) + digits;
        }

        Prepared finish() {
            int[] range = {0, contentsFrom, contentsTo, length - contentsTo};
            writeByteRange(range[1], range[2], range[3]);
            return new Prepared(length == buffer.length ? buffer : Arrays.copyOf(buffer, length), range);
        }

        Appended finishAppended() throws Unsupported {
            long[] range = {0, base + contentsFrom, base + contentsTo, length - contentsTo};
            if (Long.toString(range[2]).length() > 10) {
                throw new Unsupported("a /ByteRange beyond ten digits");
            }
            writeByteRange(range[1], range[2], range[3]);
            return new Appended(Arrays.copyOf(buffer, length), base, range);
        }

        private void writeByteRange(long from, long to, long rest) {
            String written = "[0 " + from + " " + to + " " + rest;
            written += " ".repeat(BYTE_RANGE_PLACEHOLDER.length() - 1 - written.length()) + "]";
            for (int i = 0; i < written.length(); i++) {
                buffer[byteRangeAt + i] = (byte) written.charAt(i);
            }
        }
    }
}
