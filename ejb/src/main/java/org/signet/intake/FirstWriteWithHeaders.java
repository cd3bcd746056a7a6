package org.signet.intake;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;

/**
 * Lets the container send an answer's headers together with its first body bytes, by ignoring flushes before the
 * body is complete. Metro flushes an MTOM answer after its first MIME headers; over HTTP/1.1 with TLS 1.3 that
 * headers-only write meets the TLS session ticket the JDK sends after the client-certificate mechanism bound its
 * identity cache to the TLS session, and Undertow then loses the answer (docs/development.md). The container's own
 * buffer still streams a large answer as it fills.
 */
public class FirstWriteWithHeaders implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        chain.doFilter(request, response instanceof HttpServletResponse http ? new Unflushed(http) : response);
    }

    private static final class Unflushed extends HttpServletResponseWrapper {

        private ServletOutputStream stream;

        Unflushed(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                stream = new UnflushedStream(super.getOutputStream());
            }
            return stream;
        }

        @Override
        public void flushBuffer() {
            // committed with the first buffer the container writes, or when the answer ends
        }
    }

    private static final class UnflushedStream extends ServletOutputStream {

        private final ServletOutputStream container;

        UnflushedStream(ServletOutputStream container) {
            this.container = container;
        }

        @Override
        public void write(int b) throws IOException {
            container.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            container.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            // the container writes when its buffer fills, and everything at close
        }

        @Override
        public void close() throws IOException {
            container.close();
        }

        @Override
        public boolean isReady() {
            return container.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            container.setWriteListener(listener);
        }
    }
}
