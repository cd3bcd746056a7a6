package org.signet.elytron;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.net.InetSocketAddress;

/**
 * Failed logins per client address, at the edge of every web application (an Undertow filter in front of REST, SOAP
 * and the TSA): an address whose requests with credentials were answered 401 {@code failures} times within
 * {@code seconds} is answered 429 for {@code seconds} whatever credentials it sends, so that
 * nobody tries one password on many users from one place. Requests without credentials (the WSDL, the CRL, the log)
 * pass. {@code failures=0} switches it off.
 * <p>
 * Configured in wildfly-config/src/main/cli/10-signet.cli as an Undertow custom filter with these two parameters.
 */
public final class LoginThrottle implements HttpHandler {

    private final HttpHandler next;
    private int failures = 30;
    private int seconds = 60;
    private volatile FailedLogins addresses;

    public LoginThrottle(HttpHandler next) {
        this.next = next;
    }

    public void setFailures(int failures) {
        this.failures = failures;
    }

    public void setSeconds(int seconds) {
        this.seconds = seconds;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        FailedLogins book = book();
        if (failures <= 0 || !exchange.getRequestHeaders().contains(Headers.AUTHORIZATION)) {
            next.handleRequest(exchange);
            return;
        }
        InetSocketAddress source = exchange.getSourceAddress();
        String address = source == null || source.getAddress() == null ? "unknown" : source.getAddress().getHostAddress();
        if (book.locked(address)) {
            exchange.setStatusCode(429);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Integer.toString(seconds));
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send("{\"error\":\"TOO_MANY_FAILED_LOGINS\",\"message\":\"too many failed logins from "
                    + address + "; try again later\"}");
            return;
        }
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            if (done.getStatusCode() == 401) {
                book.failed(address);
            }
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }

    private FailedLogins book() {
        FailedLogins book = addresses;
        if (book == null) {
            synchronized (this) {
                if (addresses == null) {
                    // a window as long as the lock: a busy client with one wrong password is stopped, a slip is forgotten
                    addresses = new FailedLogins(failures, seconds * 1000L, seconds * 1000L, 100_000, System::currentTimeMillis);
                }
                book = addresses;
            }
        }
        return book;
    }
}
