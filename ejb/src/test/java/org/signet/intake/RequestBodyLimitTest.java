package org.signet.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signet.document.DocumentSpool;
import org.signet.document.SpooledDocument;
import org.signet.model.SignetException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestBodyLimitTest {

    private static final long LIMIT = 10L << 20;

    @TempDir
    Path spoolDirectory;
    private BodySpool spool;

    @BeforeEach
    void spool() {
        spool = BodySpool.in(spoolDirectory.resolve("spool"), 0);
    }

    /** What the filter answered: status, headers, body; and whether the request went on. */
    private static final class Answer {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean passed;

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static final long STREAMED = 100 * LIMIT;

    private static HttpServletRequest request(long length, String transferEncoding, String contentType, InputStream body) {
        return request("/signet/api/sign/xml", null, length, transferEncoding, contentType, body);
    }

    private static HttpServletRequest request(String uri, String query, long length, String transferEncoding, String contentType,
                                              InputStream body) {
        ServletInputStream stream = new ServletInputStream() {
            @Override public int read() throws IOException { return body.read(); }
            @Override public int read(byte[] b, int off, int len) throws IOException { return body.read(b, off, len); }
            @Override public boolean isFinished() { return false; }
            @Override public boolean isReady() { return true; }
            @Override public void setReadListener(ReadListener listener) { }
        };
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(RequestBodyLimitTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getContentLengthLong" -> length;
                    case "getHeader" -> "Transfer-Encoding".equals(args[0]) ? transferEncoding : null;
                    case "getContentType" -> contentType;
                    case "getInputStream" -> stream;
                    case "getRequestURI" -> uri;
                    case "getContextPath" -> uri.startsWith("/signet-soap/") ? "/signet-soap" : "/signet";
                    case "getQueryString" -> query;
                    default -> null;
                });
    }

    private static HttpServletResponse response(Answer answer) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override public void write(int b) { answer.body.write(b); }
            @Override public boolean isReady() { return true; }
            @Override public void setWriteListener(WriteListener listener) { }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(RequestBodyLimitTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> answer.status = (Integer) args[0];
                        case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                        case "getOutputStream" -> { return out; }
                        default -> { }
                    }
                    return null;
                });
    }

    private static Answer run(RequestBodyLimit filter, HttpServletRequest request, FilterChain chain) throws Exception {
        Answer answer = new Answer();
        filter.doFilter(request, response(answer), (req, res) -> {
            answer.passed = true;
            chain.doFilter(req, res);
        });
        return answer;
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedUnread() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 2, 100, spool);
        Answer json = run(filter, request(LIMIT + 1, null, "multipart/form-data; boundary=x", InputStream.nullInputStream()), (q, s) -> { });
        assertEquals(413, json.status);
        assertTrue(json.text().contains("\"error\":\"DOCUMENT_TOO_LARGE\"") && json.text().contains("signet.max-request-size"), json.text());
        assertEquals("close", json.headers.get("Connection"));
        Answer soap = run(filter, request(LIMIT + 1, null, "text/xml; charset=utf-8", InputStream.nullInputStream()), (q, s) -> { });
        assertEquals(413, soap.status);
        assertTrue(soap.text().contains("<faultstring>DOCUMENT_TOO_LARGE: the request body of"), soap.text());
        assertTrue(!json.passed && !soap.passed);
        assertTrue(run(filter, request(LIMIT, null, "application/pdf", InputStream.nullInputStream()), (q, s) -> { }).passed);
    }

    /**
     * A raw PDF for sign/pdf may exceed the request limit up to the streamed one: it is spooled (encrypted) and handed
     * to the face as a {@link SpooledDocument}, read in pieces anywhere (AES-CTR from any block) and whole; its file is
     * gone when the request ends. Past the streamed limit it is refused naming that limit.
     */
    @Test
    void aRawPdfOverTheRequestLimitIsSpooledAndReadInPieces() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, 3 * LIMIT, 2, 100, spool);
        byte[] document = new byte[(int) (2 * LIMIT) + 5];
        new java.util.Random(3).nextBytes(document);
        List<String> checked = new ArrayList<>();
        Answer answer = run(filter, request("/signet/api/sign/pdf", "seal=demo", document.length, null, "application/pdf",
                new java.io.ByteArrayInputStream(document)), (req, res) -> {
                    SpooledDocument spooled = (SpooledDocument) req.getAttribute(SpooledDocument.REQUEST_ATTRIBUTE);
                    assertEquals(document.length, spooled.length());
                    assertEquals(org.signet.document.Documents.sha256Hex(document),
                            java.util.HexFormat.of().formatHex(spooled.sha256().digest()), "the SHA-256 taken on the way");
                    for (long offset : new long[] {0, 1, 15, 16, 17, 4095, LIMIT + 3, document.length - 20}) {
                        byte[] piece = spooled.read(offset, 20);
                        assertArrayEquals(java.util.Arrays.copyOfRange(document, (int) offset, (int) offset + 20), piece, "at " + offset);
                        checked.add("at " + offset);
                    }
                    assertThrows(IOException.class, () -> spooled.read(document.length - 1, 2));
                    try (InputStream whole = spooled.open()) {
                        assertArrayEquals(document, whole.readAllBytes());
                    }
                    assertEquals(1, spooledFiles());
                });
        assertTrue(answer.passed, answer.text());
        assertEquals(8, checked.size());
        assertEquals(0, spooledFiles(), "the spool file is deleted when the request ends");

        Answer refused = run(filter, request("/signet/api/sign/pdf", null, 3 * LIMIT + 1, null, "application/pdf",
                InputStream.nullInputStream()), (q, r) -> { });
        assertEquals(413, refused.status);
        assertTrue(refused.text().contains("signet.max-streamed-size for a PDF sent as the raw body"), refused.text());
    }

    /** Spooled or read as it arrives (a form, which the container parses), a chunked body stops at the limit. */
    @Test
    void aChunkedBodyStopsAtTheLimit() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 2, 100, spool);
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override public int read() { return 'x'; }
            @Override public int read(byte[] b, int off, int len) { read.addAndGet(len); return len; }
        };
        Answer spooled = run(filter, request(-1, "chunked", "application/pdf", endless), (req, res) -> { });
        assertEquals(413, spooled.status);
        assertTrue(!spooled.passed && spooled.text().contains("\"error\":\"DOCUMENT_TOO_LARGE\"")
                && spooled.text().contains("signet.max-request-size"), spooled.text());
        assertTrue(read.get() < LIMIT + (1 << 20), "read on after the limit: " + read.get());
        assertEquals(0, spooledFiles(), "a refused body is not left on disk");

        read.set(0);
        IOException stopped = assertThrows(IOException.class, () -> run(filter, request(-1, "chunked", "application/x-www-form-urlencoded",
                endless), (req, res) -> req.getInputStream().transferTo(java.io.OutputStream.nullOutputStream())));
        SignetException refusal = assertInstanceOf(SignetException.class, stopped.getCause());
        assertEquals(SignetException.Kind.DOCUMENT_TOO_LARGE, refusal.kind());
        assertTrue(read.get() < LIMIT + (1 << 20), "read on after the limit: " + read.get());
    }

    /**
     * One permit, and a body stalled half-way: it waits on disk, encrypted, holding no permit, while another large
     * body is parsed; when it has arrived it reaches the parser unchanged, and its file is gone after the request.
     */
    @Test
    void aStalledBodyWaitsOnDiskEncryptedAndHoldsNoPermit() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 1, 200, spool);
        byte[] document = "%PDF-1.7 confidential contract of the Signet test\n".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        CountDownLatch halfSent = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        InputStream stalling = new java.io.ByteArrayInputStream(document) {
            @Override public synchronized int read(byte[] b, int off, int len) {
                if (available() <= document.length / 2 && halfSent.getCount() > 0) {
                    halfSent.countDown();
                    try {
                        goOn.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.read(b, off, Math.min(len, 8192));
            }
        };
        byte[][] parsed = new byte[1][];
        long[] length = new long[1];
        CompletableFuture<Answer> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return run(filter, request(document.length, null, "application/pdf", stalling), (req, res) -> {
                    length[0] = req.getContentLengthLong();
                    parsed[0] = req.getInputStream().readAllBytes();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(halfSent.await(10, TimeUnit.SECONDS));
        Thread.sleep(100);
        assertEquals(1, spooledFiles());
        try (var files = Files.list(spool.directory())) {
            byte[] onDisk = Files.readAllBytes(files.findFirst().orElseThrow());
            assertTrue(onDisk.length >= document.length / 2 - 65536, "half the body is on disk: " + onDisk.length);
            assertTrue(!new String(onDisk, StandardCharsets.ISO_8859_1).contains("confidential"), "the spool file is readable");
        }
        assertTrue(call(filter, 5L << 20, (q, s) -> { }).passed, "the stalled body holds the only permit");
        goOn.countDown();
        assertTrue(slow.get(10, TimeUnit.SECONDS).passed);
        assertArrayEquals(document, parsed[0]);
        assertEquals(document.length, length[0]);
        assertEquals(0, spooledFiles(), "the spool file is deleted when the request ends");
    }

    /** No body is taken that would leave less than the reserve free on the spool's disk. */
    @Test
    void aBodyTheDiskHasNoRoomForIsRefusedUnread() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 2, 100, BodySpool.in(spoolDirectory.resolve("full"), Long.MAX_VALUE / 2));
        AtomicLong read = new AtomicLong();
        Answer full = run(filter, request(5L << 20, null, "application/pdf", new InputStream() {
            @Override public int read() { read.incrementAndGet(); return 'x'; }
        }), (q, s) -> { });
        assertEquals(503, full.status);
        assertEquals("60", full.headers.get("Retry-After"));
        assertTrue(full.text().contains("SERVER_BUSY") && full.text().contains("disk has no room"), full.text());
        assertEquals(0, read.get());
        assertTrue(run(filter, request(1000, null, "application/pdf", InputStream.nullInputStream()), (q, s) -> { }).passed,
                "a small body is not spooled");
    }

    /** What a crash left in the spool cannot be read by anyone (its key is gone) and is deleted at the next start. */
    @Test
    void leftoversOfAnEarlierRunAreDeleted() throws Exception {
        Path left = Files.writeString(spool.directory().resolve("body-1.spool"), "left");
        Path other = Files.writeString(spool.directory().resolve("notes.txt"), "kept");
        BodySpool.in(spool.directory(), 0);
        assertTrue(!Files.exists(left) && Files.exists(other));
    }

    private long spooledFiles() throws IOException {
        try (var files = Files.list(spool.directory())) {
            return files.count();
        }
    }

    /** Two permits: a third large body waits, and is told to come back when none frees in time; small ones pass. */
    @Test
    void onlySoManyLargeBodiesAreReadAtOnce() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 2, 200, spool);
        CountDownLatch holding = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        FilterChain slow = (req, res) -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> call(filter, 5L << 20, slow));
        CompletableFuture<Answer> second = CompletableFuture.supplyAsync(() -> call(filter, 5L << 20, slow));
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        Answer third = call(filter, 5L << 20, (q, s) -> { });
        assertEquals(503, third.status);
        assertEquals("10", third.headers.get("Retry-After"));
        assertTrue(third.text().contains("SERVER_BUSY") && third.text().contains("signet.max-large-requests"), third.text());
        assertTrue(call(filter, 1000, (q, s) -> { }).passed, "a small body needs no permit");
        release.countDown();
        assertTrue(first.get(10, TimeUnit.SECONDS).passed && second.get(10, TimeUnit.SECONDS).passed);
        assertTrue(call(filter, 5L << 20, (q, s) -> { }).passed, "the permits come back");
    }

    private static Answer call(RequestBodyLimit filter, long length, FilterChain chain) {
        try {
            return run(filter, request(length, null, "application/pdf", InputStream.nullInputStream()), chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A raw body to sign/file for a detached signature is digested as it arrives: its own limit, and no permit. */
    @Test
    void aDetachedSignaturesDocumentStreamsUpToItsOwnLimit() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 0, 100, spool);
        assertTrue(run(filter, request("/signet/api/sign/file", "seal=demo", STREAMED, null, "application/octet-stream",
                InputStream.nullInputStream()), (q, s) -> { }).passed, "no permit is needed (there are none)");
        assertTrue(run(filter, request("/signet/api/sign/file", "packaging=detached&seal=demo", -1, "chunked", null,
                InputStream.nullInputStream()), (q, s) -> { }).passed);
        Answer over = run(filter, request("/signet/api/sign/file", null, STREAMED + 1, null, "application/octet-stream",
                InputStream.nullInputStream()), (q, s) -> { });
        assertEquals(413, over.status);
        assertTrue(over.text().contains("signet.max-streamed-size"), over.text());
        for (HttpServletRequest whole : new HttpServletRequest[] {
                request("/signet/api/sign/file", "packaging=attached", 2 * LIMIT, null, "application/octet-stream", InputStream.nullInputStream()),
                request("/signet/api/sign/file", null, 2 * LIMIT, null, "multipart/form-data; boundary=x", InputStream.nullInputStream()),
                request("/signet/api/sign/pdf", null, 2 * LIMIT, null, "multipart/form-data; boundary=x", InputStream.nullInputStream()),
                request("/signet/api/sign/xml", null, 2 * LIMIT, null, "application/xml", InputStream.nullInputStream())}) {
            Answer refused = run(filter, whole, (q, s) -> { });
            assertEquals(413, refused.status);
            assertTrue(refused.text().contains("signet.max-request-size"), refused.text());
        }
    }

    /** SOAP with MTOM: the attachment may be large (Metro spools it), the envelope may not. */
    @Test
    void anMtomAttachmentStreamsButItsEnvelopeStaysWithinTheLimit() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 2, 100, spool);
        String type = "multipart/related; type=\"application/xop+xml\"; boundary=\"uuid:b0\"; start=\"<root.message@cxf.apache.org>\"";
        byte[] large = new byte[(int) LIMIT + 4096];
        java.util.Arrays.fill(large, (byte) 'A');
        byte[] attachmentLarge = mtom(new byte[100], large, "<root.message@cxf.apache.org>");
        assertEquals(attachmentLarge.length, readThrough(filter, type, attachmentLarge));
        IOException inline = assertThrows(IOException.class, () -> readThrough(filter, type, mtom(large, new byte[100], "<root.message@cxf.apache.org>")));
        assertTrue(inline.getMessage().contains("SOAP envelope is larger than the limit"), inline.getMessage());
        // a start parameter naming the second part makes that one the envelope, and the first is held to the limit too
        String second = type.replace("<root.message@cxf.apache.org>", "<second>");
        assertThrows(IOException.class, () -> readThrough(filter, second, mtom(new byte[100], large, "<root.message@cxf.apache.org>")));
        assertThrows(IOException.class, () -> readThrough(filter, second, mtom(large, new byte[100], "<x>")));
    }

    /**
     * A SOAP request with attachments is offered a {@link DocumentSpool}: what the face takes into it is there, whole and
     * readable in pieces, while the request lasts, refused past its limit, and deleted when the request ends.
     */
    @Test
    void anMtomRequestsFaceSpoolsWhatItCannotHoldUntilTheRequestEnds() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 2, 100, spool);
        String type = "multipart/related; type=\"application/xop+xml\"; boundary=\"uuid:b0\"; start=\"<root.message@cxf.apache.org>\"";
        byte[] document = new byte[(int) LIMIT + 33];
        new java.util.Random(5).nextBytes(document);
        byte[] body = mtom(new byte[100], document, "<root.message@cxf.apache.org>");
        Answer answer = run(filter, request("/signet-soap/SigningService", null, body.length, null, type,
                new java.io.ByteArrayInputStream(body)), (req, res) -> {
                    DocumentSpool documents = (DocumentSpool) req.getAttribute(DocumentSpool.REQUEST_ATTRIBUTE);
                    SpooledDocument taken = documents.take(new java.io.ByteArrayInputStream(document), STREAMED, "a limit");
                    assertEquals(document.length, taken.length());
                    assertEquals(org.signet.document.Documents.sha256Hex(document),
                            java.util.HexFormat.of().formatHex(taken.sha256().digest()), "the SHA-256 taken on the way");
                    assertArrayEquals(java.util.Arrays.copyOfRange(document, 17, 4113), taken.read(17, 4096));
                    SignetException tooLarge = assertThrows(SignetException.class,
                            () -> documents.take(new java.io.ByteArrayInputStream(document), 1000, "a limit"));
                    assertEquals(SignetException.Kind.DOCUMENT_TOO_LARGE, tooLarge.kind());
                    assertEquals(1, spooledFiles());
                });
        assertTrue(answer.passed);
        assertEquals(0, spooledFiles(), "what the face spooled is deleted when the request ends");
    }

    private static long readThrough(RequestBodyLimit filter, String type, byte[] body) throws Exception {
        long[] read = new long[1];
        // fed in odd slices, so that a delimiter is met across two reads
        InputStream slices = new java.io.ByteArrayInputStream(body) {
            @Override public synchronized int read(byte[] b, int off, int len) { return super.read(b, off, Math.min(len, 997)); }
        };
        run(filter, request("/signet-soap/SigningService", null, body.length, null, type, slices),
                (req, res) -> read[0] = req.getInputStream().transferTo(java.io.OutputStream.nullOutputStream()));
        return read[0];
    }

    /** A two-part body as Metro and CXF write it: the envelope (Content-ID {@code rootId}), then a binary attachment named "second". */
    private static byte[] mtom(byte[] envelope, byte[] attachment, String rootId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--uuid:b0\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\"\r\nContent-ID: " + rootId
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(envelope);
        out.writeBytes("\r\n--uuid:b0\r\nContent-Type: application/octet-stream\r\nContent-ID: <second>\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(attachment);
        out.writeBytes("\r\n--uuid:b0--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
