package org.signet.document;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/** PDFs written byte by byte for tests, sound and hostile; shared with the integration tests through the test-jar. */
public final class TestPdfs {

    private TestPdfs() { }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A PDF of the given objects (numbered from 1, the first the catalog) with a correct cross-reference table. */
    public static byte[] pdf(String... objects) {
        StringBuilder out = new StringBuilder("%PDF-1.7\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            offsets.add(out.length());
            out.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = out.length();
        out.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f\r\n");
        offsets.forEach(offset -> out.append(String.format("%010d 00000 n\r\n", offset)));
        out.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return bytes(out.toString());
    }

    public static final String PAGE = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>";
    /** /Pages lists itself after its page. */
    public static final byte[] LOOP = pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>", PAGE);
    /** The one page listed twice. */
    public static final byte[] PAGE_TWICE = pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>", PAGE);

    /** A one-page A4 PDF whose catalog has this XMP stream, with this /Filter (or none). */
    public static byte[] withXmp(byte[] content, String filter) {
        return withStream(pdf("<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"), "<< /Type /Metadata /Subtype /XML "
                + (filter == null ? "" : "/Filter " + filter + " ") + "/Length " + content.length + " >>", content);
    }

    /**
     * A zlib stream of the text followed by {@code mebibytes} MiB of zeros: one compressed 1 MiB block of zeros,
     * repeated (each refers back only to its own zeros), after the text's own block; ended and checksummed as zlib asks.
     */
    public static byte[] flateBomb(byte[] text, int mebibytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x78);
        out.write(0xDA);
        out.writeBytes(flushedBlock(text));
        byte[] zeros = flushedBlock(new byte[1 << 20]);
        Adler32 checksum = new Adler32();
        checksum.update(text);
        byte[] mebibyte = new byte[1 << 20];
        for (int i = 0; i < mebibytes; i++) {
            out.writeBytes(zeros);
            checksum.update(mebibyte);
        }
        out.write(0x03); // the final block: empty, fixed codes
        out.write(0x00);
        long adler = checksum.getValue();
        out.writeBytes(new byte[] {(byte) (adler >>> 24), (byte) (adler >>> 16), (byte) (adler >>> 8), (byte) adler});
        return out.toByteArray();
    }

    private static byte[] flushedBlock(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(input);
        byte[] block = new byte[input.length + (1 << 16)];
        int n = deflater.deflate(block, 0, block.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return Arrays.copyOf(block, n);
    }

    /** The PDF with one more object (number 4, a stream) added by an incremental update. */
    public static byte[] withStream(byte[] pdf, String dictionary, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pdf);
        int offset = out.size();
        out.writeBytes(bytes("4 0 obj\n" + dictionary + "\nstream\n"));
        out.writeBytes(content);
        out.writeBytes(bytes("\nendstream\nendobj\n"));
        int xref = out.size();
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int previous = Integer.parseInt(text.substring(text.lastIndexOf("startxref") + 10, text.lastIndexOf("%%EOF")).strip());
        out.writeBytes(bytes("xref\n4 1\n" + String.format("%010d 00000 n\r\n", offset) + "trailer\n<< /Size 5 /Root 1 0 R /Prev "
                + previous + " >>\nstartxref\n" + xref + "\n%%EOF\n"));
        return out.toByteArray();
    }

}
