package org.signet.it;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.xml.ws.BindingProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signet.client.SignetClient;
import org.signet.client.soap.FileSignRequest;
import org.signet.client.soap.SignResponse;
import org.signet.client.soap.Signing;
import org.signet.document.TestPdfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A document larger than any Java array, and than the server's whole heap (-Xmx1g), signed detached (CAdES) over REST
 * and over SOAP with MTOM: the server can only have digested it as it arrived. OpenSSL checks each signature against
 * the same bytes streamed to it again, and refuses it for the same length with one byte changed. A document that must be
 * held whole (a PDF) waits on disk, encrypted, until it has arrived.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LargeDocumentsIT {

    /** 2 GiB and one byte: one more than a byte array can hold. */
    private static final long SIZE = (2L << 30) + 1;
    /** Where the tampered copy differs: far past the first gigabyte. */
    private static final long TAMPERED_AT = 1_700_000_000L;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    @Test
    void aTwoGibibyteFileIsSignedDetachedOverRestWhileItStreams() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(SignetServer.HTTP.resolve("/signet/api/sign/file?seal=demo&name=scan.tif"))
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (SignetServer.DEMO_USER + ":" + SignetServer.demoPassword()).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(SIZE, -1)), SIZE))
                .build();
        // HTTP/1.1, as curl and batch clients stream: asked for by default, an h2c upgrade carries the 2 GiB body on the
        // upgrade request, and a GOAWAY from the server then fails the whole exchange in JDK 17's client
        HttpResponse<byte[]> signed = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        assertEquals("attachment; filename=\"scan.tif.p7s\"", signed.headers().firstValue("Content-Disposition").orElse(""));
        verifiedByOpenSsl(signed.body());
        assertTrue(SignetServer.audited("scan.tif", digestHex(new Generated(SIZE, -1))), "the audit trail names the document's SHA-256");
    }

    @Test
    void aTwoGibibyteFileIsSignedDetachedOverSoapWithMtom() throws Exception {
        Set<Path> spooledBefore = RefusalsIT.spooledAttachments();
        Signing port = SignetClient.streaming(SignetServer.demoSoap());
        ((BindingProvider) port).getRequestContext().put("com.sun.xml.ws.request.timeout", 600_000);
        FileSignRequest request = new FileSignRequest();
        request.setSeal("demo");
        request.setDocumentName("scan.tif");
        request.setDocument(new DataHandler(new GeneratedSource()));
        SignResponse signed = port.signFile(request);
        assertEquals("scan.tif.p7s", signed.getFileName());
        verifiedByOpenSsl(signed.getDocument().getInputStream().readAllBytes());
        assertEquals(spooledBefore, RefusalsIT.spooledAttachments(), "the spooled attachment stayed in the server's temporary folder");
    }

    /**
     * A PDF 1.4 of 1 GiB (a page with one grey image of 32768 x 32768 pixels) signed at level T over REST's raw body:
     * more than the server's heap (-Xmx1g) could hold beside itself, so it is signed where it waits in the spool. The
     * signed file begins with the original unchanged, pdfsig finds the signature valid, and the audit trail names the
     * original's SHA-256. Over signet.max-document-size (4M here) only such a signature is made: a visible stamp is
     * refused naming the limit, a body that is not a PDF as one.
     */
    @Test
    void aGibibytePdfIsSignedWhereItWaits() throws Exception {
        Path pdf = dir.resolve("archive-scan.pdf");
        String originalSha256 = writeImagePdf(pdf, 1L << 15);
        long originalLength = Files.size(pdf);
        HttpRequest request = HttpRequest.newBuilder(SignetServer.HTTP.resolve("/signet/api/sign/pdf?seal=demo&level=T&name=archive-scan.pdf"))
                .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/pdf").header("Authorization", demoBasic())
                .POST(HttpRequest.BodyPublishers.ofFile(pdf)).build();
        HttpResponse<Path> signed = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofFile(dir.resolve("archive-scan-signed.pdf")));
        assertEquals(200, signed.statusCode(), () -> readSmall(signed.body()));
        Path output = signed.body();
        assertTrue(Files.size(output) > originalLength && Files.size(output) < originalLength + (1 << 20), "size " + Files.size(output));
        assertEquals(originalSha256, digestHex(new java.io.BufferedInputStream(
                new BoundedStream(Files.newInputStream(output), originalLength))), "the original bytes changed");
        Files.delete(pdf);
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(output);
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        assertTrue(pdfsig.output().contains("ETSI.CAdES.detached"), pdfsig.output());
        Files.delete(output);
        assertTrue(SignetServer.audited("archive-scan.pdf", originalSha256), "the audit trail names the original's SHA-256");

        byte[] large = TestPdfs.withStream(TestDocuments.pdf(1, "large"), "<< /Length " + (5 << 20) + " >>", new byte[5 << 20]);
        HttpResponse<byte[]> stamped = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&visible=true", "application/pdf", large);
        assertEquals(413, stamped.statusCode(), SignetServer.text(stamped));
        assertTrue(SignetServer.text(stamped).contains("signet.max-document-size") && SignetServer.text(stamped).contains("invisibly"),
                SignetServer.text(stamped));
        HttpResponse<byte[]> notAPdf = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&name=report.pdf", "application/pdf",
                new byte[5 << 20]);
        assertEquals(400, notAPdf.statusCode(), SignetServer.text(notAPdf));
        assertTrue(SignetServer.text(notAPdf).contains("report.pdf"), SignetServer.text(notAPdf));
    }

    /**
     * A PDF of 64 MiB (over the test server's signet.max-document-size of 4M) sent over SOAP with MTOM, as
     * ./signet sign sends a large file: the part over the limit goes on into the request spool, the PDF is signed where
     * it waits, and the answer's attachment is the original followed by the revision; pdfsig finds it valid, and nothing
     * stays in the spool.
     */
    @Test
    void aPdfOverTheDocumentLimitIsSignedOverSoapWhereItWaits() throws Exception {
        Path pdf = dir.resolve("ledger.pdf");
        String originalSha256 = writeImagePdf(pdf, 8192);
        Signing port = SignetClient.streaming(SignetServer.demoSoap());
        ((BindingProvider) port).getRequestContext().put("com.sun.xml.ws.request.timeout", 300_000);
        org.signet.client.soap.PdfSignRequest request = new org.signet.client.soap.PdfSignRequest();
        request.setSeal("demo");
        request.setDocumentName("ledger.pdf");
        request.setDocument(new DataHandler(new jakarta.activation.FileDataSource(pdf.toFile())));
        SignResponse signed = port.signPdf(request);
        assertEquals("ledger-signed.pdf", signed.getFileName());
        Path output = dir.resolve("ledger-signed.pdf");
        try (InputStream in = signed.getDocument().getInputStream()) {
            Files.copy(in, output);
        }
        assertEquals(originalSha256, digestHex(new BoundedStream(Files.newInputStream(output), Files.size(pdf))));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(output);
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        Path spool = Path.of(System.getProperty("jboss.home"), "standalone", "tmp", "signet-spool", "signet-soap");
        try (Stream<Path> left = Files.list(spool)) {
            assertEquals(List.of(), left.toList(), "the spooled PDF stays after its request ended");
        }
    }

    /**
     * A one-page PDF 1.4 whose page shows a grey image of {@code side} x {@code side} pixels (the pixels generated, not
     * held), written with its cross-reference table; answers its SHA-256.
     */
    private static String writeImagePdf(Path file, long side) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long pixels = side * side;
        String content = "q 595 0 0 842 0 0 cm /Im1 Do Q";
        List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
                "<< /Type /XObject /Subtype /Image /Width " + side + " /Height " + side
                        + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length " + pixels + " >>",
                "<< /Length " + content.length() + " >>");
        long[] offsets = new long[objects.size()];
        try (java.security.DigestOutputStream out = new java.security.DigestOutputStream(
                new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20), sha256)) {
            long[] at = {0};
            java.util.function.Consumer<String> ascii = text -> {
                try {
                    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
                    at[0] += text.length();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            ascii.accept("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
            for (int i = 0; i < objects.size(); i++) {
                offsets[i] = at[0];
                ascii.accept((i + 1) + " 0 obj\n" + objects.get(i) + "\n");
                if (i == 3) {
                    ascii.accept("stream\n");
                    try (InputStream image = new Generated(pixels, -1)) {
                        at[0] += image.transferTo(out);
                    }
                    ascii.accept("\nendstream\n");
                } else if (i == 4) {
                    ascii.accept("stream\n" + content + "\nendstream\n");
                }
                ascii.accept("endobj\n");
            }
            long xref = at[0];
            StringBuilder table = new StringBuilder("xref\n0 6\n0000000000 65535 f\r\n");
            for (long offset : offsets) {
                table.append(String.format("%010d 00000 n\r\n", offset));
            }
            ascii.accept(table + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        }
        return java.util.HexFormat.of().formatHex(sha256.digest());
    }

    private static String readSmall(Path file) {
        try {
            return Files.size(file) < 65536 ? Files.readString(file, StandardCharsets.UTF_8) : Files.size(file) + " bytes";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The first {@code limit} bytes of a stream. */
    private static final class BoundedStream extends java.io.FilterInputStream {
        private long left;

        BoundedStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            left--;
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /**
     * A PDF of 3 MB sent slowly over REST: while half of it has arrived, it waits in the server's spool encrypted (its
     * text is nowhere on the disk) and another caller's large PDF, sent chunked, is signed meanwhile; once whole it is
     * signed, pdfsig finds both signatures valid, and nothing stays in the spool.
     */
    @Test
    void aSlowUploadWaitsEncryptedOnDiskAndIsSignedWhenWhole() throws Exception {
        byte[] clauses = "confidential clause of the slow contract; ".repeat(70_000).getBytes(StandardCharsets.US_ASCII);
        byte[] pdf = TestPdfs.withStream(TestDocuments.pdf(1, "slow contract"), "<< /Length " + clauses.length + " >>", clauses);
        Path spool = Path.of(System.getProperty("jboss.home"), "standalone", "tmp", "signet-spool", "signet");
        CountDownLatch goOn = new CountDownLatch(1);
        InputStream stalling = new java.io.ByteArrayInputStream(pdf) {
            @Override public synchronized int read(byte[] b, int off, int len) {
                if (available() <= pdf.length / 2 && goOn.getCount() > 0) {
                    try {
                        goOn.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.read(b, off, Math.min(len, 8192));
            }
        };
        HttpRequest slow = HttpRequest.newBuilder(SignetServer.HTTP.resolve("/signet/api/sign/pdf?seal=demo"))
                .header("Content-Type", "application/pdf").header("Authorization", demoBasic())
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> stalling), pdf.length)).build();
        CompletableFuture<HttpResponse<byte[]>> answer = HttpClient.newHttpClient().sendAsync(slow, HttpResponse.BodyHandlers.ofByteArray());
        try {
            Path file = halfSpooled(spool, pdf.length / 2 - (1 << 16));
            assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("confidential clause"),
                    "the spooled body is readable on disk");

            byte[] other = TestPdfs.withStream(TestDocuments.pdf(1, "other contract"), "<< /Length " + clauses.length + " >>", clauses);
            HttpRequest chunked = HttpRequest.newBuilder(SignetServer.HTTP.resolve("/signet/api/sign/pdf?seal=demo"))
                    .header("Content-Type", "application/pdf").header("Authorization", demoBasic())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(other))).build();
            HttpResponse<byte[]> meanwhile = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, meanwhile.statusCode(), SignetServer.text(meanwhile));
            assertFalse(answer.isDone(), "the slow upload was answered before it was whole");
            validByPdfsig(meanwhile.body(), "meanwhile.pdf");
        } finally {
            goOn.countDown();
        }
        HttpResponse<byte[]> signed = answer.get(2, TimeUnit.MINUTES);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        validByPdfsig(signed.body(), "slow.pdf");
        try (Stream<Path> left = Files.list(spool)) {
            assertEquals(List.of(), left.toList(), "spooled bodies stay after their requests ended");
        }
    }

    private static String demoBasic() {
        return "Basic " + Base64.getEncoder().encodeToString(("demo:" + SignetServer.demoPassword()).getBytes(StandardCharsets.UTF_8));
    }

    /** The one spool file, once it holds at least {@code bytes}. */
    private static Path halfSpooled(Path spool, long bytes) throws Exception {
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < end; Thread.sleep(100)) {
            if (Files.isDirectory(spool)) {
                try (Stream<Path> files = Files.list(spool)) {
                    List<Path> spooled = files.toList();
                    if (spooled.size() == 1 && Files.size(spooled.get(0)) >= bytes) {
                        return spooled.get(0);
                    }
                }
            }
        }
        throw new AssertionError("no spool file of " + bytes + " bytes appeared in " + spool);
    }

    private void validByPdfsig(byte[] pdf, String name) {
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, name, pdf));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
    }

    private void verifiedByOpenSsl(byte[] signature) throws Exception {
        Path p7s = Files.write(dir.resolve("scan.tif.p7s"), signature);
        assertEquals(0, openSslVerify(p7s, new Generated(SIZE, -1)), "OpenSSL refused the signature over the document");
        assertNotEquals(0, openSslVerify(p7s, new Generated(SIZE, TAMPERED_AT)), "OpenSSL accepted it over a changed document");
    }

    /** OpenSSL reads the detached content from a pipe, so that it is never written to disk here either. */
    private static int openSslVerify(Path signature, InputStream content) throws Exception {
        Process openssl = new ProcessBuilder(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", signature.toString(),
                "-content", "/dev/stdin", "-CAfile", SignetServer.demoCa().toString(), "-purpose", "any", "-out", "/dev/null"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
            try (OutputStream in = openssl.getOutputStream(); content) {
                content.transferTo(in);
            } catch (IOException e) {
                // OpenSSL stops reading once it has failed; its exit code tells
            }
        });
        assertTrue(openssl.waitFor(5, TimeUnit.MINUTES), "openssl cms -verify did not finish");
        feeding.get(1, TimeUnit.MINUTES);
        return openssl.exitValue();
    }

    private static String digestHex(InputStream in) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha256.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(sha256.digest());
    }

    private static final class GeneratedSource implements DataSource {
        @Override public InputStream getInputStream() { return new Generated(SIZE, -1); }
        @Override public OutputStream getOutputStream() { throw new UnsupportedOperationException(); }
        @Override public String getContentType() { return "application/octet-stream"; }
        @Override public String getName() { return "scan.tif"; }
    }

    /**
     * The same {@code size} bytes each time, made as they are read: a random mebibyte whose copies each carry their own
     * number, so that no two mebibytes are alike; with one byte changed at {@code tamperedAt} (none when negative).
     */
    static final class Generated extends InputStream {

        private static final byte[] BLOCK = new byte[1 << 20];

        static {
            new Random(20261204).nextBytes(BLOCK);
        }

        private final long size;
        private final long tamperedAt;
        private long position;

        Generated(long size, long tamperedAt) {
            this.size = size;
            this.tamperedAt = tamperedAt;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int inBlock = (int) (position % BLOCK.length);
            int n = (int) Math.min(Math.min(len, BLOCK.length - inBlock), size - position);
            System.arraycopy(BLOCK, inBlock, b, off, n);
            long block = position / BLOCK.length;
            for (int i = 0; i < 8; i++) {
                long at = block * BLOCK.length + i;
                if (at >= position && at < position + n) {
                    b[off + (int) (at - position)] = (byte) (block >>> (8 * i));
                }
            }
            if (tamperedAt >= position && tamperedAt < position + n) {
                b[off + (int) (tamperedAt - position)] ^= 0x01;
            }
            position += n;
            return n;
        }
    }
}
