package org.signet.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.signet.model.SignetException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestBodyLimitTest {

    private static final long LIMIT = 10L << 20;

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
        return request("/signet/api/sign/pdf", null, length, transferEncoding, contentType, body);
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
        return (HttpServletRequest) Proxy.newProxyInstance(RequestBodyLimitTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
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
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 2, 100);
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

    @Test
    void aChunkedBodyStopsAtTheLimit() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 2, 100);
        AtomicInteger reads = new AtomicInteger();
        IOException stopped = assertThrows(IOException.class, () -> run(filter, request(-1, "chunked", "application/pdf",
                new InputStream() {
                    @Override public int read() { return 'x'; }
                    @Override public int read(byte[] b, int off, int len) { reads.incrementAndGet(); return len; }
                }), (req, res) -> req.getInputStream().transferTo(java.io.OutputStream.nullOutputStream())));
        SignetException refusal = assertInstanceOf(SignetException.class, stopped.getCause());
        assertEquals(SignetException.Kind.DOCUMENT_TOO_LARGE, refusal.kind());
        assertTrue(reads.get() < 2 * (LIMIT / 8192), "read on after the limit: " + reads.get());
    }

    /** Two permits: a third large body waits, and is told to come back when none frees in time; small ones pass. */
    @Test
    void onlySoManyLargeBodiesAreReadAtOnce() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 2, 200);
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
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 0, 100);
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
                request("/signet/api/sign/pdf", null, 2 * LIMIT, null, "application/pdf", InputStream.nullInputStream())}) {
            Answer refused = run(filter, whole, (q, s) -> { });
            assertEquals(413, refused.status);
            assertTrue(refused.text().contains("signet.max-request-size"), refused.text());
        }
    }

    /** SOAP with MTOM: the attachment may be large (Metro spools it), the envelope may not. */
    @Test
    void anMtomAttachmentStreamsButItsEnvelopeStaysWithinTheLimit() throws Exception {
        RequestBodyLimit filter = new RequestBodyLimit(LIMIT, STREAMED, 2, 100);
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
