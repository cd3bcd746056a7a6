package org.signet.intake;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.signet.config.SignetConfiguration;
import org.signet.document.DocumentSpool;
import org.signet.document.SpooledDocument;
import org.signet.model.SignatureFormat;
import org.signet.model.SignetException;
import org.signet.signing.SigningOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds every request body before any parser sees it (REST's multipart, Metro's SOAP and MTOM): a body declared
 * larger than {@value SignetConfiguration#MAX_REQUEST_SIZE} is refused with 413 unread, one of unknown length
 * (chunked) fails once it passes the limit. A body over a mebibyte is first spooled to disk ({@link BodySpool}) as
 * slowly as it arrives, and only {@value SignetConfiguration#LARGE_REQUESTS} such bodies are parsed at once, so that
 * concurrent uploads cannot fill the heap; the others wait their turn. A document
 * signed while it streams in ({@link Intake#STREAMED}, {@link Intake#ATTACHMENTS}) or where it waits in the spool
 * ({@link Intake#PDF}, and what a SOAP face puts into the request's {@link DocumentSpool}) may be as large as
 * {@value SignetConfiguration#MAX_STREAMED_SIZE}, since nothing holds it whole in memory.
 */
public class RequestBodyLimit implements Filter {

    /** Bodies up to this size pass without a permit: a permit guards memory, and these cost little of it. */
    static final long SMALL = 1L << 20;

    /** What the spool leaves free on its disk beyond the body it takes: the database and archive need room too. */
    static final long SPOOL_RESERVE = 256L << 20;

    private long limit;
    private long streamedLimit;
    private Semaphore permits;
    private long waitMillis;
    private BodySpool spool;

    public RequestBodyLimit() {
    }

    RequestBodyLimit(long limit, long streamedLimit, int largeRequests, long waitMillis, BodySpool spool) {
        this.limit = limit;
        this.streamedLimit = streamedLimit;
        this.permits = new Semaphore(largeRequests, true);
        this.waitMillis = waitMillis;
        this.spool = spool;
    }

    @Override
    public void init(FilterConfig filterConfig) {
        SignetConfiguration configuration = SignetConfiguration.from(System::getProperty);
        limit = configuration.maxRequestBytes();
        streamedLimit = configuration.maxStreamedBytes();
        permits = new Semaphore(configuration.largeRequests(), true);
        waitMillis = TimeUnit.SECONDS.toMillis(60);
        String context = filterConfig.getServletContext().getContextPath().replace("/", "");
        spool = BodySpool.in(Path.of(System.getProperty("jboss.server.temp.dir", System.getProperty("java.io.tmpdir")), "signet-spool",
                context.isEmpty() ? "root" : context), SPOOL_RESERVE);
    }

    /** How a body is read: whole by a parser, streamed as it arrives, or a SOAP message whose attachments are spooled. */
    enum Intake {
        /** Read whole (JSON, forms, plain SOAP): within the request limit, large ones a few at a time. */
        WHOLE,
        /** REST's raw body for a detached CAdES signature: digested as it arrives, nothing held. */
        STREAMED,
        /**
         * REST's raw body for a PDF signature: spooled as a whole body is, but up to the streamed limit, since one larger
         * than the document limit is signed where it waits ({@link SpooledDocument}), never held in memory.
         */
        PDF,
        /** SOAP with MTOM to the signing endpoint: attachments spooled to disk by Metro, the envelope within the request limit. */
        ATTACHMENTS;

        static Intake of(HttpServletRequest request) {
            String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.equals("/api/sign/file") && !type.startsWith("multipart/")
                    && SigningOptions.streams(SignatureFormat.CADES, queryParameter(request.getQueryString(), "packaging"))) {
                return STREAMED;
            }
            if (path.equals("/api/sign/pdf") && !type.startsWith("multipart/")) {
                return PDF;
            }
            if (path.equals("/SigningService") && type.startsWith("multipart/related") && RootPartBound.boundary(type) != null) {
                return ATTACHMENTS;
            }
            return WHOLE;
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        long declared = http.getContentLengthLong();
        boolean chunked = declared < 0 && http.getHeader("Transfer-Encoding") != null;
        Intake intake = Intake.of(http);
        long bodyLimit = intake == Intake.WHOLE ? limit : streamedLimit;
        if (declared > bodyLimit) {
            refuse(http, (HttpServletResponse) response, SignetException.Kind.DOCUMENT_TOO_LARGE, "the request body of " + declared
                    + " bytes is larger than the limit of " + bodyLimit + " bytes (" + limitName(intake) + ")");
            return;
        }
        if (declared <= SMALL && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        if (intake == Intake.STREAMED) {
            // nothing of it is held, so it needs no permit
            chain.doFilter(chunked ? new Bounded(http, bodyLimit, null, limitName(intake)) : request, response);
            return;
        }
        if ((intake == Intake.WHOLE && !form(http)) || intake == Intake.PDF) {
            spoolThenParse(http, (HttpServletResponse) response, chain, declared, bodyLimit, limitName(intake), intake == Intake.PDF);
            return;
        }
        // MTOM's attachments are spooled by Metro as they arrive; a form's parameters are parsed by the container itself
        if (!permitted(http, (HttpServletResponse) response)) {
            return;
        }
        BodySpool.ForRequest documents = intake == Intake.ATTACHMENTS ? spool.forRequest(declared >= 0 ? declared : limit)
                : null;
        try {
            ServletRequest bounded = intake == Intake.ATTACHMENTS
                    ? new Bounded(http, bodyLimit, new RootPartBound(http.getContentType(), limit), limitName(intake))
                    : chunked ? new Bounded(http, bodyLimit, null, limitName(intake)) : request;
            if (documents != null) {
                bounded.setAttribute(DocumentSpool.REQUEST_ATTRIBUTE, documents);
            }
            chain.doFilter(bounded, response);
        } finally {
            permits.release();
            if (documents != null) {
                documents.close(); // the answer is written: what the face spooled can go
            }
        }
    }

    /**
     * A large body is first taken whole onto disk, without a permit, however slowly it arrives; only then does it
     * wait for a permit to be parsed in memory, so that the permits go to bodies that are here.
     */
    private void spoolThenParse(HttpServletRequest request, HttpServletResponse response, FilterChain chain, long declared,
                                long bodyLimit, String property, boolean digested) throws IOException, ServletException {
        long expected = declared >= 0 ? declared : limit;
        if (!spool.hasRoomFor(expected)) {
            response.setHeader("Retry-After", "60");
            refuse(request, response, SignetException.Kind.SERVER_BUSY, "the server's disk has no room to take a request body of "
                    + expected + " bytes and keep " + SPOOL_RESERVE + " bytes free; try again later");
            return;
        }
        BodySpool.Body body;
        try {
            body = spool.take(request.getInputStream(), bodyLimit, property, digested);
        } catch (IOException e) {
            if (e.getCause() instanceof SignetException refusal) {
                refuse(request, response, refusal.kind(), refusal.getMessage());
                return;
            }
            throw e;
        }
        try (body; Spooled spooled = new Spooled(request, body)) {
            spooled.setAttribute(SpooledDocument.REQUEST_ATTRIBUTE, body);
            if (!permitted(request, response)) {
                return;
            }
            try {
                chain.doFilter(spooled, response);
            } finally {
                permits.release();
            }
        }
    }

    /** A permit to parse a large body in memory, waited for up to a minute; without one the caller is told to retry. */
    private boolean permitted(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        try {
            if (permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while waiting to read a large request", e);
        }
        response.setHeader("Retry-After", "10");
        refuse(request, response, SignetException.Kind.SERVER_BUSY, "the server is reading as many large requests as "
                + SignetConfiguration.LARGE_REQUESTS + " allows; try again shortly");
        return false;
    }

    private static boolean form(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** A parameter from the query alone: getParameter would read a form body, which is the parser's to read. */
    static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String limitName(Intake intake) {
        if (intake == Intake.PDF) {
            return SignetConfiguration.MAX_STREAMED_SIZE + " for a PDF sent as the raw body";
        }
        return intake == Intake.WHOLE ? SignetConfiguration.MAX_REQUEST_SIZE : SignetConfiguration.MAX_STREAMED_SIZE;
    }

    /** A SOAP caller gets a SOAP fault, any other a JSON problem; the connection closes, the body is never read. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, SignetException.Kind kind, String message)
            throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean soap = type.contains("xml") || type.startsWith("multipart/related");
        response.setStatus(kind.httpStatus());
        response.setHeader("Connection", "close");
        response.setContentType((soap ? "text/xml" : "application/json") + ";charset=UTF-8");
        String body = soap
                ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>"
                        + "<S:Fault><faultcode>S:Client</faultcode><faultstring>" + kind.name() + ": " + xml(message)
                        + "</faultstring></S:Fault></S:Body></S:Envelope>"
                : "{\"error\":\"" + kind.name() + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A request whose body comes from the spool, with the length it had. */
    private static final class Spooled extends HttpServletRequestWrapper implements AutoCloseable {

        private final BodySpool.Body body;
        private ServletInputStream stream;

        Spooled(HttpServletRequest request, BodySpool.Body body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = body.open();
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), encoding == null ? StandardCharsets.ISO_8859_1
                    : Charset.forName(encoding)));
        }

        @Override
        public long getContentLengthLong() {
            return body.length();
        }

        @Override
        public int getContentLength() {
            return body.length() > Integer.MAX_VALUE ? -1 : (int) body.length();
        }

        @Override
        public void close() throws IOException {
            if (stream != null) {
                stream.close();
            }
        }
    }

    /** A body read through a count that stops it at the limit (and, for MTOM, at its envelope's). */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private final RootPartBound root;
        private final String property;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit, RootPartBound root, String property) {
            super(request);
            this.limit = limit;
            this.root = root;
            this.property = property;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counted(super.getInputStream(), limit, root, property);
            }
            return stream;
        }
    }

    private static final class Counted extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final RootPartBound root;
        private final String property;
        private long read;

        Counted(ServletInputStream in, long limit, RootPartBound root, String property) {
            this.in = in;
            this.limit = limit;
            this.root = root;
            this.property = property;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(buffer, offset, n);
            }
            return n;
        }

        private void count(byte[] buffer, int offset, int n) throws IOException {
            read += n;
            if (read > limit) {
                throw tooLarge("the request body is larger than the limit of " + limit + " bytes (" + property + ")");
            }
            String refusal = root == null ? null : root.update(buffer, offset, n);
            if (refusal != null) {
                throw tooLarge(refusal);
            }
        }

        private static IOException tooLarge(String message) {
            return new IOException(message, new SignetException(SignetException.Kind.DOCUMENT_TOO_LARGE, message));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
