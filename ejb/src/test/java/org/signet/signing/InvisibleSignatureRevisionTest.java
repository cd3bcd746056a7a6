package org.signet.signing;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signet.document.TestPdfs;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The revision written without parsing the document, on the structures producers write (cross-reference tables and
 * streams, object streams, earlier revisions, hybrid files, deep page trees, indirect /Annots), read back by
 * verifiers nobody here wrote: DSS, PDFBox, poppler's pdfsig and qpdf.
 */
class InvisibleSignatureRevisionTest {

    private static final String WHEN = "D:20261202120000+00'00'";
    private static KeyPair keys;
    private static X509Certificate certificate;

    @TempDir
    Path dir;

    @BeforeAll
    static void seal() throws Exception {
        keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        certificate = PadesBaselineBTest.selfSigned(keys, "SHA256withRSA");
    }

    @Test
    void theStructuresProducersWriteAreSignedAndReadBackByOutsideVerifiers() throws Exception {
        for (Map.Entry<String, byte[]> input : structures().entrySet()) {
            String what = input.getKey();
            byte[] pdf = input.getValue();
            int annotationsBefore;
            try (PDDocument document = Loader.loadPDF(pdf)) {
                annotationsBefore = document.getPage(0).getAnnotations().size();
            }
            assertNotNull(InvisibleSignatureRevision.append(pdf, PdfSignatureFields.NONE, WHEN, 4000), what); // no fallback

            byte[] signed = PadesBaselineBTest.sign(pdf, keys, certificate, SignatureAlgorithm.RSA_SHA256);
            assertArrayEquals(pdf, Arrays.copyOf(signed, pdf.length), what + ": the original stays as it was");
            PadesBaselineBTest.assertIntactBaselineB(signed, certificate, what);
            try (PDDocument document = Loader.loadPDF(signed)) {
                assertEquals(1, document.getSignatureDictionaries().size(), what);
                List<PDAnnotation> annotations = document.getPage(0).getAnnotations();
                assertEquals(annotationsBefore + 1, annotations.size(), what + ": the widget is on the first page");
                assertEquals("Widget", annotations.get(annotations.size() - 1).getSubtype(), what);
            }
            Path file = dir.resolve("signed.pdf");
            Files.write(file, signed);
            String pdfsig = run("pdfsig", file.toString());
            assertTrue(pdfsig.contains("Signature Validation: Signature is Valid.") && pdfsig.contains("Total document signed"),
                    what + ": " + pdfsig);
            String qpdf = run("qpdf", "--check", file.toString());
            assertTrue(qpdf.contains("No syntax or stream encoding errors found"), what + ": " + qpdf);
        }
    }

    /**
     * A file too large to hold is read in windows that grow until an object fits: read from windows of 16 bytes on, every
     * structure above, and every damaged file of the fuzzing below, gets the revision it gets when read whole (the
     * trailer's identifiers aside: the new one is new every time, and so is the first of a file that had none), or is
     * refused as it is.
     */
    @Test
    void aFileReadInWindowsGetsTheRevisionItGetsWhenReadWhole() throws Exception {
        List<byte[]> inputs = new java.util.ArrayList<>(structures().values());
        inputs.addAll(damaged(600));
        int written = 0;
        for (byte[] pdf : inputs) {
            String whole;
            try {
                InvisibleSignatureRevision.Prepared prepared = InvisibleSignatureRevision.append(pdf, PdfSignatureFields.NONE, WHEN, 2000);
                whole = withoutNewId(new String(prepared.pdf(), pdf.length, prepared.pdf().length - pdf.length, StandardCharsets.ISO_8859_1));
            } catch (PdfObjects.Unsupported e) {
                whole = null;
            }
            String windowed;
            String why = null;
            try {
                InvisibleSignatureRevision.Appended appended = InvisibleSignatureRevision.appendTo(PdfObjects.read(new ArraySpool(pdf), 16),
                        PdfSignatureFields.NONE, WHEN, 2000);
                windowed = withoutNewId(new String(appended.revision(), StandardCharsets.ISO_8859_1));
                assertEquals(pdf.length, appended.originalLength());
            } catch (PdfObjects.Unsupported e) {
                windowed = null;
                why = e.getMessage();
            }
            if (whole == null && windowed != null) {
                // a file older than 1.6 is refused whole (PDFBox raises its version) and declared 1.7 when read in windows
                assertTrue(windowed.contains("/Version /1.7"), windowed);
                continue;
            }
            assertEquals(whole, windowed, why);
            written += whole == null ? 0 : 1;
        }
        assertTrue(written > 50, "written " + written);
    }

    private static String withoutNewId(String revision) {
        return revision.replaceAll("<[0-9A-F]{32}>", "<...>"); // the identifiers made here are MD5s
    }

    /** A spooled document over an array. */
    private record ArraySpool(byte[] content) implements org.signet.document.SpooledDocument {
        @Override
        public long length() {
            return content.length;
        }

        @Override
        public byte[] read(long offset, int count) {
            return Arrays.copyOfRange(content, (int) offset, (int) offset + count);
        }

        @Override
        public java.io.InputStream open() {
            return new java.io.ByteArrayInputStream(content);
        }
    }

    private static Map<String, byte[]> structures() throws Exception {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("PDFBox, cross-reference and object streams", pdfBox(3, CompressParameters.DEFAULT_COMPRESSION));
        inputs.put("PDFBox, cross-reference table", pdfBox(2, CompressParameters.NO_COMPRESSION));
        inputs.put("a second revision, stream", secondRevision(pdfBox(2, CompressParameters.DEFAULT_COMPRESSION)));
        inputs.put("a second revision, table", secondRevision(pdfBox(2, CompressParameters.NO_COMPRESSION)));
        inputs.put("hand-made: deep page tree, indirect /Annots", handMade(false));
        inputs.put("hand-made hybrid: table with /XRefStm", handMade(true));
        inputs.put("LibreOffice", Files.readAllBytes(Path.of("../integration-tests/src/test/resources/inputs/libreoffice-plain.pdf")));
        return inputs;
    }

    @Test
    void theByteRangeCoversEverythingButTheZerosOfContents() throws Exception {
        byte[] pdf = pdfBox(1, CompressParameters.DEFAULT_COMPRESSION);
        InvisibleSignatureRevision.Prepared prepared = InvisibleSignatureRevision.append(pdf, PdfSignatureFields.NONE, WHEN, 3000);
        int[] range = prepared.byteRange();
        byte[] out = prepared.pdf();
        assertEquals(0, range[0]);
        assertEquals(out.length, range[2] + range[3]);
        assertEquals('<', out[range[1]]);
        assertEquals('>', out[range[2] - 1]);
        assertEquals("0".repeat(6000), new String(out, range[1] + 1, range[2] - range[1] - 2, StandardCharsets.US_ASCII));
        assertArrayEquals(range, PadesBaselineB.byteRange(out, pdf.length), "/ByteRange as written in the file");
    }

    @Test
    void textIsWrittenSoReadersGetItBack() throws Exception {
        byte[] pdf = pdfBox(1, CompressParameters.DEFAULT_COMPRESSION);
        PdfSignatureFields fields = new PdfSignatureFields("Jörg Čapek (Archiv)", "reason with \\ and ) inside", "Zürich", "€ desk");
        byte[] prepared = InvisibleSignatureRevision.append(pdf, fields, WHEN, 3000).pdf();
        try (PDDocument document = Loader.loadPDF(prepared)) {
            PDSignature signature = document.getLastSignatureDictionary();
            assertEquals("Jörg Čapek (Archiv)", signature.getName());
            assertEquals("reason with \\ and ) inside", signature.getReason());
            assertEquals("Zürich", signature.getLocation());
            assertEquals("€ desk", signature.getContactInfo());
            assertEquals("ETSI.CAdES.detached", signature.getSubFilter());
            assertEquals(2026, signature.getSignDate().get(Calendar.YEAR));
        }
    }

    @Test
    void whatTheRevisionDoesNotCoverGoesThePdfBoxWay() throws Exception {
        byte[] withForm;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDAcroForm form = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(form);
            PDTextField text = new PDTextField(form);
            text.setPartialName("Name");
            form.getFields().add(text);
            document.setVersion(1.7f);
            document.save(out);
            withForm = out.toByteArray();
        }
        assertUnsupported(withForm, "form");
        PadesBaselineBTest.assertIntactBaselineB(PadesBaselineBTest.sign(withForm, keys, certificate, SignatureAlgorithm.RSA_SHA256),
                certificate, "a form, through PDFBox");

        byte[] broken = pdfBox(2, CompressParameters.NO_COMPRESSION);
        String text = new String(broken, StandardCharsets.ISO_8859_1);
        int entry = text.indexOf(" 00000 n", text.lastIndexOf("\nxref\n") + 30) - 10; // object 1's offset
        System.arraycopy("0000000003".getBytes(StandardCharsets.US_ASCII), 0, broken, entry, 10);
        assertUnsupported(broken, "an integer expected");
        PadesBaselineBTest.assertIntactBaselineB(PadesBaselineBTest.sign(broken, keys, certificate, SignatureAlgorithm.RSA_SHA256),
                certificate, "a wrong cross-reference offset, repaired by PDFBox");

        byte[] old;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.setVersion(1.4f);
            document.save(out, CompressParameters.NO_COMPRESSION);
            old = out.toByteArray();
        }
        assertUnsupported(old, "PDF 1.4");
        assertNull(PadesBaselineB.prepare(old, PadesBaselineBTest.request(old), List.of(certificate), new Date(),
                SignatureAlgorithm.RSA_SHA256, null), "PDF 1.4 is DSS's");

        byte[] encrypted;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.setVersion(1.7f);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(out);
            encrypted = out.toByteArray();
        }
        assertUnsupported(encrypted, "encrypted");
        assertNull(PadesBaselineB.prepare(encrypted, PadesBaselineBTest.request(encrypted), List.of(certificate), new Date(),
                SignatureAlgorithm.RSA_SHA256, null), "an encrypted PDF is DSS's");
    }

    /** A page tree that is not a tree goes the PDFBox way, where it is refused; a sound one is signed here. */
    @Test
    void aPageTreeThatIsNotATreeIsLeftToPdfBox() throws Exception {
        for (byte[] pdf : List.of(TestPdfs.LOOP, TestPdfs.PAGE_TWICE)) {
            PdfObjects.Unsupported declined = assertThrows(PdfObjects.Unsupported.class,
                    () -> InvisibleSignatureRevision.append(pdf, PdfSignatureFields.NONE, WHEN, 2000));
            assertTrue(declined.getMessage().contains("twice"), declined.getMessage());
        }
        byte[] deep = TestPdfs.pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>", "<< /Type /Pages /Parent 2 0 R /Kids [5 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 4 0 R /MediaBox [0 0 200 200] >>");
        assertDoesNotThrow(() -> InvisibleSignatureRevision.append(deep, PdfSignatureFields.NONE, WHEN, 2000));
    }

    /** Damaged and hostile files: refused as unsupported (for PDFBox to try), never another exception, never a hang. */
    @Test
    void damagedFilesAreLeftToPdfBoxAndNeverBreakTheReader() throws Exception {
        int written = 0;
        int refused = 0;
        for (byte[] damaged : damaged(3000)) {
            try {
                InvisibleSignatureRevision.Prepared prepared = InvisibleSignatureRevision.append(damaged, PdfSignatureFields.NONE, WHEN, 2000);
                assertArrayEquals(damaged, Arrays.copyOf(prepared.pdf(), damaged.length));
                written++;
            } catch (PdfObjects.Unsupported e) {
                refused++;
            }
        }
        assertTrue(refused > 1000 && written > 100, "refused " + refused + ", written " + written);
        assertUnsupported(new byte[0], "header");
        assertUnsupported("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "startxref");
        assertUnsupported("%PDF-1.7\nstartxref\n999999999999\n%%EOF\n".getBytes(StandardCharsets.US_ASCII), "leaves the file");
        byte[] hugeSize = new String(pdfBox(1, CompressParameters.NO_COMPRESSION), StandardCharsets.ISO_8859_1)
                .replaceFirst("/Size \\d+", "/Size 9999999999").getBytes(StandardCharsets.ISO_8859_1);
        assertUnsupported(hugeSize, "/Size");
        String head = "%PDF-1.7\n";
        assertUnsupported((head + "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Prev " + head.length() + " >>\nstartxref\n"
                + head.length() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII), "loops");
    }

    /** Sound files damaged at random, mostly where the structure is read: the trailer and cross-reference at the end. */
    private static List<byte[]> damaged(int count) throws Exception {
        List<byte[]> originals = List.of(pdfBox(2, CompressParameters.DEFAULT_COMPRESSION), pdfBox(2, CompressParameters.NO_COMPRESSION),
                handMade(true));
        Random random = new Random(20261202);
        List<byte[]> files = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] damaged = originals.get(i % originals.size()).clone();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                int at = random.nextBoolean() ? damaged.length - 1 - random.nextInt(Math.min(600, damaged.length))
                        : random.nextInt(damaged.length);
                damaged[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : "0123456789 /<>[]()R\n".charAt(random.nextInt(20)));
            }
            if (random.nextInt(10) == 0) {
                damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
            }
            files.add(damaged);
        }
        return files;
    }

    /**
     * Three pages, each in an object stream that inflates to 30 MiB (zeros after the page, which a reader skips as white
     * space): each stream is within the limit of one, together they pass the limit of all, and the file is refused
     * before the third is held, whole or in windows.
     */
    @Test
    void objectStreamsThatTogetherInflateTooFarAreRefused() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long[] offsets = new long[10];
        out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        offsets[1] = out.size();
        out.writeBytes("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        offsets[2] = out.size();
        out.writeBytes("2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        for (int page = 3; page <= 5; page++) {
            byte[] objects = (page + " 0 << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>").getBytes(StandardCharsets.US_ASCII);
            byte[] bomb = org.signet.document.TestPdfs.flateBomb(objects, 30);
            int first = (page + " 0 ").length();
            offsets[page + 3] = out.size();
            out.writeBytes(((page + 3) + " 0 obj\n<< /Type /ObjStm /N 1 /First " + first + " /Filter /FlateDecode /Length " + bomb.length
                    + " >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bomb);
            out.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        }
        offsets[9] = out.size();
        java.io.ByteArrayOutputStream entries = new java.io.ByteArrayOutputStream();
        for (int number = 0; number < 10; number++) {
            boolean inStream = number >= 3 && number <= 5;
            long second = inStream ? number + 3 : offsets[number];
            entries.write(number == 0 ? 0 : inStream ? 2 : 1);
            for (int shift = 24; shift >= 0; shift -= 8) {
                entries.write((int) (second >>> shift));
            }
            entries.write(0);
            entries.write(0);
        }
        out.writeBytes(("9 0 obj\n<< /Type /XRef /W [1 4 2] /Index [0 10] /Size 10 /Root 1 0 R /Length " + entries.size()
                + " >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(entries.toByteArray());
        out.writeBytes(("\nendstream\nendobj\nstartxref\n" + offsets[9] + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII));
        byte[] pdf = out.toByteArray();
        assertTrue(pdf.length < 1 << 20, "the bombs are small: " + pdf.length);

        assertUnsupported(pdf, "decode to more than");
        PdfObjects.Unsupported windowed = assertThrows(PdfObjects.Unsupported.class, () -> InvisibleSignatureRevision.appendTo(
                new ArraySpool(pdf), PdfSignatureFields.NONE, WHEN, 2000));
        assertTrue(windowed.getMessage().contains("decode to more than"), windowed.getMessage());
        // two of them are read: the same file with two bombs is signed
        byte[] two = new String(pdf, StandardCharsets.ISO_8859_1).replace("/Kids [3 0 R 4 0 R 5 0 R] /Count 3", "/Kids [3 0 R 4 0 R]       /Count 2")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertNotNull(InvisibleSignatureRevision.append(two, PdfSignatureFields.NONE, WHEN, 2000));
    }

    private static void assertUnsupported(byte[] pdf, String why) {
        PdfObjects.Unsupported e = assertThrows(PdfObjects.Unsupported.class,
                () -> InvisibleSignatureRevision.append(pdf, PdfSignatureFields.NONE, WHEN, 2000));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static byte[] pdfBox(int pages, CompressParameters compression) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage());
            }
            document.setVersion(1.7f);
            document.getDocumentInformation().setTitle("Scan");
            document.save(out, compression);
            return out.toByteArray();
        }
    }

    /** An incremental update of the kind an editor makes (new document information), so that /Prev must be followed. */
    private static byte[] secondRevision(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.getDocumentInformation().setTitle("Scan, revised");
            document.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
            document.getPage(0).getCOSObject().setNeedToBeUpdated(true);
            document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            document.saveIncremental(out);
            byte[] revised = out.toByteArray();
            assertTrue(revised.length > pdf.length && new String(revised, StandardCharsets.ISO_8859_1).contains("/Prev"));
            return revised;
        }
    }

    /**
     * What PDFBox does not write: a page tree two levels deep, the first page's /Annots an indirect array holding a
     * link, and (hybrid) the page in an object stream that only the trailer's /XRefStm lists.
     */
    private static byte[] handMade(boolean hybrid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1));
        String page = "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] /Annots 6 0 R >>";
        Map<Integer, String> objects = new LinkedHashMap<>();
        objects.put(1, "<< /Type /Catalog /Pages 2 0 R >>");
        objects.put(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        objects.put(3, "<< /Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1 >>");
        if (!hybrid) {
            objects.put(4, page);
        } else {
            String header = "4 0 ";
            String data = header + page;
            objects.put(5, "<< /Type /ObjStm /N 1 /First " + header.length() + " /Length " + data.length() + " >>\nstream\n"
                    + data + "\nendstream");
        }
        objects.put(6, "[7 0 R]");
        objects.put(7, "<< /Type /Annot /Subtype /Link /Rect [10 10 50 30] /Border [0 0 0] >>");
        Map<Integer, Integer> offsets = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> object : objects.entrySet()) {
            offsets.put(object.getKey(), out.size());
            out.writeBytes((object.getKey() + " 0 obj\n" + object.getValue() + "\nendobj\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        String trailerExtra = "";
        if (hybrid) {
            int streamAt = out.size();
            byte[] entries = {2, 0, 5, 0, 1, (byte) (offsets.get(5) >> 8), (byte) (int) offsets.get(5), 0};
            out.writeBytes(("8 0 obj\n<< /Type /XRef /Size 9 /W [1 2 1] /Index [4 2] /Length " + entries.length
                    + " >>\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(entries);
            out.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
            trailerExtra = " /XRefStm " + streamAt;
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 4\n0000000000 65535 f\r\n");
        for (int number = 1; number <= 3; number++) {
            table.append(String.format("%010d 00000 n\r\n", offsets.get(number)));
        }
        List<Integer> rest = new ArrayList<>(hybrid ? List.of(6, 7) : List.of(4, 5, 6, 7));
        table.append(rest.get(0)).append(' ').append(rest.size()).append('\n');
        for (int number : rest) {
            table.append(offsets.containsKey(number) ? String.format("%010d 00000 n\r\n", offsets.get(number)) : "0000000000 00001 f\r\n");
        }
        table.append("trailer\n<< /Size ").append(hybrid ? 9 : 8).append(" /Root 1 0 R").append(trailerExtra)
                .append(" >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        out.writeBytes(table.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
        return output;
    }
}
