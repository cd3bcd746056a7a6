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
