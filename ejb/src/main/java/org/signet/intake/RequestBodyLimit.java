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
import org.signet.model.SignetException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds every request body before any parser sees it (REST's multipart, Metro's SOAP and MTOM): a body declared
 * larger than {@value SignetConfiguration#MAX_REQUEST_SIZE} is refused with 413 unread, one of unknown length
 * (chunked) fails once it passes the limit, and only {@value SignetConfiguration#LARGE_REQUESTS} bodies over a
 * mebibyte are read at once, so that concurrent uploads cannot fill the heap; the others wait their turn.
 */
public class RequestBodyLimit implements Filter {

    /** Bodies up to this size pass without a permit: a permit guards memory, and these cost little of it. */
    static final long SMALL = 1L << 20;

    private long limit;
    private Semaphore permits;
    private long waitMillis;

    public RequestBodyLimit() {
    }

    RequestBodyLimit(long limit, int largeRequests, long waitMillis) {
        this.limit = limit;
        this.permits = new Semaphore(largeRequests, true);
        this.waitMillis = waitMillis;
    }

    @Override
    public void init(FilterConfig filterConfig) {
        SignetConfiguration configuration = SignetConfiguration.from(System::getProperty);
        limit = configuration.maxRequestBytes();
        permits = new Semaphore(configuration.largeRequests(), true);
        waitMillis = TimeUnit.SECONDS.toMillis(60);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        long declared = http.getContentLengthLong();
        boolean chunked = declared < 0 && http.getHeader("Transfer-Encoding") != null;
        if (declared > limit) {
            refuse(http, (HttpServletResponse) response, SignetException.Kind.DOCUMENT_TOO_LARGE, "the request body of " + declared
                    + " bytes is larger than the limit of " + limit + " bytes (" + SignetConfiguration.MAX_REQUEST_SIZE + ")");
            return;
        }
        if (declared <= SMALL && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                ((HttpServletResponse) response).setHeader("Retry-After", "10");
                refuse(http, (HttpServletResponse) response, SignetException.Kind.SERVER_BUSY, "the server is reading as many large requests as "
                        + SignetConfiguration.LARGE_REQUESTS + " allows; try again shortly");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while waiting to read a large request", e);
        }
        try {
            chain.doFilter(chunked ? new Bounded(http, limit) : request, response);
        } finally {
            permits.release();
        }
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

    /** A body of unknown length, read through a count that stops it at the limit. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counted(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counted extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counted(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new IOException("the request body is larger than the limit", new SignetException(SignetException.Kind.DOCUMENT_TOO_LARGE,
                        "the request body is larger than the limit of " + limit + " bytes (" + SignetConfiguration.MAX_REQUEST_SIZE + ")"));
            }
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
