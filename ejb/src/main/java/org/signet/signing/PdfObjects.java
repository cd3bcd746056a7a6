package org.signet.signing;

import org.signet.document.SpooledDocument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Just enough of PDF's file structure to append a revision without parsing the document: the cross-reference
 * sections (tables and streams, hybrid files, /Prev chains), indirect objects and object streams, read where the
 * cross-reference says they are. Strict on purpose: anything unexpected (an offset that does not hold the object
 * it should, a filter other than Flate, a name with # escapes where a key is looked up) is {@link Unsupported}, and
 * the caller leaves the file to PDFBox, which repairs what can be repaired.
 * <p>
 * Values are plain Java: dictionaries are {@code Map<String, Object>} (keys without the slash, in file order),
 * arrays are {@code List<Object>}, references {@link Ref}, names {@link Name}; everything else (numbers, strings
 * with their delimiters, booleans, null) is {@link Token}, written back exactly as read.
 * <p>
 * The file is an array, or a {@link SpooledDocument} too large to hold: then only what is read is fetched, each
 * object in a window that grows until the object fits in it.
 */
final class PdfObjects {

    /** The file is one this reader leaves to PDFBox; the message says why (for a debug log, not for users). */
    static class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    record Ref(int number, int generation) { }

    /** A name as written, slash included. */
    record Name(String written) { }

    /** A number, a string with its delimiters, true, false or null, as written. */
    record Token(String written) { }

    /** A stream object: its dictionary and where its data starts. */
    private record Stream(Map<String, Object> dictionary, long dataStart) { }

    /** What is read at an offset, from a lexer there and the file offset of the lexer's position 0. */
    private interface Reading<T> {
        T read(PdfLexer lexer, byte[] data, long base) throws Unsupported;
    }

    /** An object stream, decoded: N objects, their numbers and offsets before First. */
    private record ObjectStream(byte[] data, int count, int first) { }

    /** Where an object is: at an offset of the file (type 1) or in an object stream (type 2); free (type 0). */
    private record Entry(int type, long field2, int field3) { }

    /** Decompressed cross-reference and object streams are not allowed to grow beyond this. */
    static final int MAX_DECODED = 32 << 20;
    /** More objects than this is unusual for a document signed in bulk (and holds much memory): PDFBox's then. */
    private static final int MAX_OBJECTS = 1_000_000;

    /** The first window read of a spooled file: most objects fit in it; a larger one is read again in a larger window. */
    private static final int FIRST_WINDOW = 4096;
    /** No object, cross-reference table or stream is read in a window larger than this. */
    private static final int MAX_WINDOW = MAX_DECODED;
    /** All decoded streams of one file together (they are kept while it is read): many small bombs make one large. */
    static final long MAX_DECODED_IN_ALL = 2L * MAX_DECODED;

    /** The whole file, or null when it is read from {@link #spooled}. */
    private final byte[] pdf;
    private final SpooledDocument spooled;
    private final int firstWindow;
    private final long length;
    private final Map<Integer, Entry> entries = new HashMap<>();
    private final Map<Integer, ObjectStream> objectStreams = new HashMap<>();
    private long decodedInAll;
    private final float headerVersion;
    private final long lastCrossReference;
    private final boolean crossReferenceStream;
    private final Map<String, Object> trailer;
    private int highestNumber;

    private PdfObjects(byte[] pdf, SpooledDocument spooled, int firstWindow) throws Unsupported {
        this.pdf = pdf;
        this.spooled = spooled;
        this.firstWindow = firstWindow;
        this.length = pdf != null ? pdf.length : spooled.length();
        // an array is read where it is; of a spooled file only its first bytes and its last 2 KB are fetched
        this.headerVersion = headerVersion(pdf != null ? pdf : bytes(0, (int) Math.min(16, length)));
        long tailFrom = Math.max(0, length - 2048);
        this.lastCrossReference = pdf != null ? startXref(pdf, (int) tailFrom)
                : startXref(bytes(tailFrom, (int) (length - tailFrom)), 0);
        Set<Long> seen = new HashSet<>();
        Map<String, Object> newest = null;
        boolean newestIsStream = false;
        Long section = lastCrossReference;
        while (section != null) {
            if (!seen.add(section) || section < 0 || section >= length) {
                throw new Unsupported("cross-reference chain loops or leaves the file at " + section);
            }
            Map<String, Object> sectionTrailer = at(section, (lexer, data, base) -> lexer.atKeyword("xref") ? readTable(lexer) : null);
            boolean isStream = sectionTrailer == null;
            if (isStream) {
                sectionTrailer = readStreamSection(section);
            }
            if (newest == null) {
                newest = sectionTrailer;
                newestIsStream = isStream;
            }
            section = optionalLong(sectionTrailer.get("Prev"));
        }
        this.trailer = newest;
        this.crossReferenceStream = newestIsStream;
    }

    static PdfObjects read(byte[] pdf) throws Unsupported {
        try {
            return new PdfObjects(pdf, null, 0);
        } catch (RuntimeException e) { // an index, a number or a size out of range: damage is PDFBox's to repair
            throw new Unsupported("malformed: " + e);
        }
    }

    /** The structure of a file too large to hold, read from where it waits. */
    static PdfObjects read(SpooledDocument spooled) throws Unsupported {
        return read(spooled, FIRST_WINDOW);
    }

    /** {@link #read(SpooledDocument)} with windows that start at {@code firstWindow} bytes (tests make them tiny). */
    static PdfObjects read(SpooledDocument spooled, int firstWindow) throws Unsupported {
        try {
            return new PdfObjects(null, spooled, firstWindow);
        } catch (RuntimeException e) {
            throw new Unsupported("malformed: " + e);
        }
    }

    long length() {
        return length;
    }

    /** The bytes from {@code offset}: a copy for a spooled file; for an array, the array itself when it is all of it. */
    byte[] bytes(long offset, int count) throws Unsupported {
        if (offset < 0 || count < 0 || offset + count > length) {
            throw new Unsupported(count + " bytes at " + offset + " are outside the file");
        }
        if (pdf != null) {
            return offset == 0 && count == pdf.length ? pdf : Arrays.copyOfRange(pdf, (int) offset, (int) offset + count);
        }
        try {
            return spooled.read(offset, count);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the spooled document cannot be read", e);
        }
    }

    /**
     * Reads at {@code offset}: over the array, or over windows of the spooled file, each larger than the last until
     * what is read ends inside one.
     */
    private <T> T at(long offset, Reading<T> reading) throws Unsupported {
        if (pdf != null) {
            return reading.read(new PdfLexer(pdf, (int) offset, pdf.length), pdf, 0);
        }
        for (int size = firstWindow; ; size = Math.min(size * 8, MAX_WINDOW)) {
            int count = (int) Math.min(size, length - offset);
            boolean complete = offset + count == length;
            byte[] window = bytes(offset, count);
            try {
                return reading.read(new PdfLexer(window, 0, count, complete), window, offset);
            } catch (PdfLexer.MoreData | ArrayIndexOutOfBoundsException e) {
                if (complete) {
                    throw new Unsupported("the data ends early");
                }
                if (size >= MAX_WINDOW) {
                    throw new Unsupported("an object at " + offset + " is larger than " + MAX_WINDOW + " bytes");
                }
            }
        }
    }

    float headerVersion() {
        return headerVersion;
    }

    /** The offset of the newest cross-reference section: the next revision's /Prev. */
    long lastCrossReference() {
        return lastCrossReference;
    }

    /** Whether the newest revision uses a cross-reference stream (the next one should too). */
    boolean crossReferenceStream() {
        return crossReferenceStream;
    }

    /** The newest revision's trailer (for a cross-reference stream: its dictionary). */
    Map<String, Object> trailer() {
        return trailer;
    }

    /** One more than the highest object number in use or announced: where new objects may begin. */
    int nextNumber() throws Unsupported {
        Long size = optionalLong(trailer.get("Size"));
        long next = Math.max(size == null ? 0 : size, highestNumber + 1L);
        if (next > MAX_OBJECTS) {
            throw new Unsupported("/Size " + size);
        }
        return (int) next;
    }

    /** The value, or the object it refers to. */
    Object resolve(Object value) throws Unsupported {
        return value instanceof Ref ref ? object(ref) : value;
    }

    /** A dictionary the value is or refers to. */
    @SuppressWarnings("unchecked")
    Map<String, Object> dictionary(Object value, String what) throws Unsupported {
        if (resolve(value) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new Unsupported(what + " is not a dictionary");
    }

    @SuppressWarnings("unchecked")
    List<Object> array(Object value, String what) throws Unsupported {
        if (resolve(value) instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new Unsupported(what + " is not an array");
    }

    /** An indirect object's value; a stream object is unsupported (none of the objects this reader serves is one). */
    Object object(Ref ref) throws Unsupported {
        try {
            Object value = objectOrStream(ref);
            if (value instanceof Stream) {
                throw new Unsupported("object " + ref + " is a stream");
            }
            return value;
        } catch (RuntimeException e) {
            throw new Unsupported("malformed object " + ref + ": " + e);
        }
    }

    private Object objectOrStream(Ref ref) throws Unsupported {
        Entry entry = entries.get(ref.number());
        if (entry == null || entry.type() == 0) {
            throw new Unsupported("object " + ref.number() + " is not in the cross-reference");
        }
        if (entry.type() == 1) {
            if (entry.field3() != ref.generation()) {
                throw new Unsupported("object " + ref + " has generation " + entry.field3());
            }
            return indirectObject(entry.field2(), ref.number(), ref.generation());
        }
        if (ref.generation() != 0) {
            throw new Unsupported("object " + ref + " in an object stream with a generation");
        }
        int container = (int) entry.field2();
        ObjectStream objectStream = objectStreams.get(container);
        if (objectStream == null) {
            Entry where = entries.get(container);
            if (where == null || where.type() != 1
                    || !(indirectObject(where.field2(), container, where.field3()) instanceof Stream stream)
                    || !new Name("/ObjStm").equals(stream.dictionary().get("Type"))) {
                throw new Unsupported("object " + container + " is not an object stream");
            }
            objectStream = new ObjectStream(decoded(stream), (int) requireLong(stream.dictionary().get("N"), "/N"),
                    (int) requireLong(stream.dictionary().get("First"), "/First"));
            objectStreams.put(container, objectStream);
        }
        int index = entry.field3();
        if (index < 0 || index >= objectStream.count()) {
            throw new Unsupported("object " + ref.number() + " is beyond its object stream");
        }
        PdfLexer header = new PdfLexer(objectStream.data(), 0, objectStream.first());
        for (int i = 0; i < index; i++) {
            header.integer();
            header.integer();
        }
        if (header.integer() != ref.number()) {
            throw new Unsupported("object stream " + container + " does not hold object " + ref.number() + " where expected");
        }
        long offset = header.integer();
        return new PdfLexer(objectStream.data(), (int) (objectStream.first() + offset), objectStream.data().length).value(0);
    }

    /** The object at an offset, which must be the one the cross-reference names. */
    private Object indirectObject(long offset, int number, int generation) throws Unsupported {
        if (offset < 0 || offset >= length) {
            throw new Unsupported("object " + number + " is outside the file");
        }
        return at(offset, (lexer, data, base) -> indirectObject(lexer, data, base, number, generation));
    }

    private static Object indirectObject(PdfLexer lexer, byte[] pdf, long base, int number, int generation) throws Unsupported {
        if (lexer.integer() != number || lexer.integer() != generation || !lexer.atKeyword("obj")) {
            throw new Unsupported("the cross-reference offset of object " + number + " does not hold it");
        }
        Object value = lexer.value(0);
        if (lexer.atKeyword("endobj")) {
            return value;
        }
        if (!(value instanceof Map<?, ?>) || !lexer.atKeyword("stream")) {
            throw new Unsupported("object " + number + " does not end");
        }
        int start = lexer.position();
        if (pdf[start] == '\r' && pdf[start + 1] == '\n') {
            start += 2;
        } else if (pdf[start] == '\n') {
            start += 1;
        } else {
            throw new Unsupported("stream " + number + " does not start with an end of line");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dictionary = (Map<String, Object>) value;
        return new Stream(dictionary, base + start);
    }

    private byte[] decoded(Stream stream) throws Unsupported {
        byte[] data = decodedOnce(stream);
        decodedInAll += data.length;
        if (decodedInAll > MAX_DECODED_IN_ALL) {
            throw new Unsupported("the cross-reference and object streams decode to more than " + MAX_DECODED_IN_ALL + " bytes");
        }
        return data;
    }

    private byte[] decodedOnce(Stream stream) throws Unsupported {
        Object lengthValue = stream.dictionary().get("Length");
        if (lengthValue instanceof Ref ref) {
            Entry entry = entries.get(ref.number());
            if (entry == null || entry.type() != 1) {
                throw new Unsupported("a stream length is not a plain object");
            }
            lengthValue = indirectObject(entry.field2(), ref.number(), ref.generation());
        }
        long streamLength = requireLong(lengthValue, "/Length");
        if (streamLength < 0 || stream.dataStart() + streamLength > length || (pdf == null && streamLength > MAX_WINDOW)) {
            throw new Unsupported("a stream is longer than the file or than " + MAX_WINDOW + " bytes");
        }
        long end = stream.dataStart() + streamLength;
        if (!at(end, (after, data, base) -> after.atKeyword("endstream"))) {
            throw new Unsupported("a stream's /Length does not end it");
        }
        byte[] raw = pdf != null ? pdf : bytes(stream.dataStart(), (int) streamLength);
        int rawStart = pdf != null ? (int) stream.dataStart() : 0;
        int rawLength = (int) streamLength;
        Object filter = stream.dictionary().get("Filter");
        if (filter instanceof List<?> filters && filters.size() == 1) {
            filter = filters.get(0);
        }
        Object parameters = stream.dictionary().get("DecodeParms");
        if (parameters instanceof List<?> list && list.size() == 1) {
            parameters = list.get(0);
        }
        if (filter == null) {
            return Arrays.copyOfRange(raw, rawStart, rawStart + rawLength);
        }
        if (!new Name("/FlateDecode").equals(filter)) {
            throw new Unsupported("filter " + filter);
        }
        byte[] inflated = PdfStreamFilters.inflate(raw, rawStart, rawLength);
        if (parameters == null || parameters instanceof Token token && token.written().equals("null")) {
            return inflated;
        }
        if (!(parameters instanceof Map<?, ?> decodeParms)) {
            throw new Unsupported("/DecodeParms");
        }
        Long predictor = optionalLong(decodeParms.get("Predictor"));
        if (predictor == null || predictor == 1) {
            return inflated;
        }
        Long colors = optionalLong(decodeParms.get("Colors"));
        Long bits = optionalLong(decodeParms.get("BitsPerComponent"));
        Long columns = optionalLong(decodeParms.get("Columns"));
        if (predictor < 10 || (colors != null && colors != 1) || (bits != null && bits != 8)) {
            throw new Unsupported("predictor " + predictor);
        }
        return PdfStreamFilters.pngRows(inflated, columns == null ? 1 : columns.intValue());
    }

    /** A classic cross-reference table and its trailer; a hybrid file's /XRefStm is read after the table. */
    private Map<String, Object> readTable(PdfLexer lexer) throws Unsupported {
        List<Integer> free = new ArrayList<>();
        while (!lexer.atKeyword("trailer")) {
            long start = lexer.integer();
            long count = lexer.integer();
            if (start < 0 || count < 0 || count > length / 18) {
                throw new Unsupported("a cross-reference subsection is impossible");
            }
            for (int i = 0; i < count; i++) {
                long offset = lexer.integer();
                long generation = lexer.integer();
                String kind = lexer.keyword();
                int number = (int) (start + i);
                if (kind.equals("n")) {
                    add(number, new Entry(1, offset, (int) generation));
                } else if (kind.equals("f")) {
                    free.add(number);
                } else {
                    throw new Unsupported("cross-reference entry of kind '" + kind + "'");
                }
            }
        }
        Object value = lexer.value(0);
        if (!(value instanceof Map<?, ?>)) {
            throw new Unsupported("the trailer is not a dictionary");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> sectionTrailer = (Map<String, Object>) value;
        Long hybrid = optionalLong(sectionTrailer.get("XRefStm"));
        if (hybrid != null) {
            if (hybrid < 0 || hybrid >= length) {
                throw new Unsupported("/XRefStm outside the file");
            }
            readStreamSection(hybrid);
        }
        for (int number : free) {
            add(number, new Entry(0, 0, 0));
        }
        return sectionTrailer;
    }

    /** A cross-reference stream (PDF 1.5): its entries, and its dictionary as the trailer. */
    private Map<String, Object> readStreamSection(long offset) throws Unsupported {
        long[] header = at(offset, (lexer, data, base) -> new long[] {lexer.integer(), lexer.integer()});
        int number = (int) header[0];
        int generation = (int) header[1];
        if (!(indirectObject(offset, number, generation) instanceof Stream stream)
                || !new Name("/XRef").equals(stream.dictionary().get("Type"))) {
            throw new Unsupported("startxref points at neither a table nor a cross-reference stream");
        }
        Map<String, Object> dictionary = stream.dictionary();
        List<?> widths = dictionary.get("W") instanceof List<?> list ? list : null;
        if (widths == null || widths.size() != 3) {
            throw new Unsupported("cross-reference stream without /W");
        }
        int[] w = new int[3];
        for (int i = 0; i < 3; i++) {
            w[i] = (int) requireLong(widths.get(i), "/W");
            if (w[i] < 0 || w[i] > 8) {
                throw new Unsupported("/W " + w[i]);
            }
        }
        int entrySize = w[0] + w[1] + w[2];
        List<Long> index = new ArrayList<>();
        if (dictionary.get("Index") instanceof List<?> list) {
            for (Object value : list) {
                index.add(requireLong(value, "/Index"));
            }
        } else {
            index.add(0L);
            index.add(requireLong(dictionary.get("Size"), "/Size"));
        }
        byte[] data = decoded(stream);
        int at = 0;
        for (int i = 0; i + 1 < index.size(); i += 2) {
            long start = index.get(i);
            long count = index.get(i + 1);
            if (start < 0 || count < 0 || entrySize == 0 || at + count * entrySize > data.length) {
                throw new Unsupported("a cross-reference stream is shorter than its /Index says");
            }
            for (long j = 0; j < count; j++) {
                int type = w[0] == 0 ? 1 : (int) field(data, at, w[0]);
                long second = field(data, at + w[0], w[1]);
                long third = field(data, at + w[0] + w[1], w[2]);
                at += entrySize;
                if (type == 0 || type == 1 || type == 2) {
                    add((int) (start + j), new Entry(type, second, (int) third));
                } // other types are to be ignored, says the standard
            }
        }
        return dictionary;
    }

    /** Newer sections come first: an entry already known stays. */
    private void add(int number, Entry entry) throws Unsupported {
        if (number < 0 || number > MAX_OBJECTS || entries.size() >= MAX_OBJECTS) {
            throw new Unsupported("object number " + number + " or more than " + MAX_OBJECTS + " objects");
        }
        if (entries.putIfAbsent(number, entry) == null && entry.type() != 0) {
            highestNumber = Math.max(highestNumber, number);
        }
    }

    private static long field(byte[] data, int at, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | (data[at + i] & 0xff);
        }
        return value;
    }

    private static float headerVersion(byte[] pdf) throws Unsupported {
        byte[] magic = "%PDF-".getBytes(StandardCharsets.US_ASCII);
        if (pdf.length < 8 || !Arrays.equals(pdf, 0, magic.length, magic, 0, magic.length)) {
            throw new Unsupported("the header is not at the start of the file"); // offsets may then be relative to it
        }
        int end = magic.length;
        while (end < pdf.length && end < 16 && (pdf[end] == '.' || (pdf[end] >= '0' && pdf[end] <= '9'))) {
            end++;
        }
        try {
            return Float.parseFloat(new String(pdf, magic.length, end - magic.length, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new Unsupported("header version");
        }
    }

    /** The offset after the last startxref in {@code tail} from {@code from} on (the file's last 2 KB). */
    private static long startXref(byte[] tail, int from) throws Unsupported {
        byte[] keyword = "startxref".getBytes(StandardCharsets.US_ASCII);
        for (int i = tail.length - keyword.length; i >= from; i--) {
            if (Arrays.equals(tail, i, i + keyword.length, keyword, 0, keyword.length)) {
                PdfLexer lexer = new PdfLexer(tail, i + keyword.length, tail.length);
                long offset = lexer.integer();
                if (!lexer.atComment("%%EOF")) {
                    throw new Unsupported("no %%EOF after startxref");
                }
                return offset;
            }
        }
        throw new Unsupported("no startxref at the end of the file");
    }

    static Long optionalLong(Object value) throws Unsupported {
        if (value == null) {
            return null;
        }
        return requireLong(value, "a number");
    }

    static long requireLong(Object value, String what) throws Unsupported {
        if (value instanceof Token token) {
            try {
                return Long.parseLong(token.written());
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw new Unsupported(what + " is not an integer: " + value);
    }
}
