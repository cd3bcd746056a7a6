package org.signet.elytron;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Credentials only over TLS, unless the connection stays on this machine: a request that carries credentials over plain
 * HTTP to an address other than a loopback one is answered 403 before anyone reads them (an Undertow filter in front of
 * every web application). The web pages under {@code /signet/console/} count as credentials throughout: their sign-in
 * form carries a password and every other page the session cookie. Requests without credentials (the WSDL, the CRL,
 * the log, the public verify page) pass.
 * <p>
 * Configured in wildfly-config/src/main/cli/10-signet.cli as an Undertow custom filter with the parameter
 * {@code plainHttp}: "loopback" (the default) or "allow" (plain HTTP everywhere, for a TLS-terminating proxy on
 * another machine).
 */
public final class PlainHttpGuard implements HttpHandler {

    private final HttpHandler next;
    private boolean allow;

    public PlainHttpGuard(HttpHandler next) {
        this.next = next;
    }

    /** "loopback" or "allow", or an expression "${property:default}" over them, resolved here against system properties. */
    public void setPlainHttp(String value) {
        String resolved = value == null ? "" : value.strip();
        if (resolved.startsWith("${") && resolved.endsWith("}")) {
            String expression = resolved.substring(2, resolved.length() - 1);
            int colon = expression.indexOf(':');
            resolved = colon < 0 ? System.getProperty(expression, "")
                    : System.getProperty(expression.substring(0, colon), expression.substring(colon + 1));
        }
        String wanted = resolved.strip().toLowerCase(Locale.ROOT);
        if (!wanted.equals("loopback") && !wanted.equals("allow")) {
            throw new IllegalArgumentException("PlainHttpGuard: plainHttp is 'loopback' or 'allow', not '" + value + "'");
        }
        this.allow = wanted.equals("allow");
    }

    private static boolean carriesCredentials(HttpServerExchange exchange) {
        return exchange.getRequestHeaders().contains(Headers.AUTHORIZATION) || exchange.getRequestPath().startsWith(CONSOLE);
    }

    /** The web pages that need signing in (web.xml guards them); the public verify page lies outside. */
    static final String CONSOLE = "/signet/console/";

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (allow || exchange.isSecure() || !carriesCredentials(exchange)) {
            next.handleRequest(exchange);
            return;
        }
        InetSocketAddress destination = exchange.getDestinationAddress();
        if (destination != null && destination.getAddress() != null && destination.getAddress().isLoopbackAddress()) {
            next.handleRequest(exchange);
            return;
        }
        exchange.setStatusCode(403);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send("{\"error\":\"HTTPS_REQUIRED\",\"message\":\"credentials travel to this server only over HTTPS"
                + " (or over a loopback address); this request came over plain HTTP: use the https:// address\"}");
    }
}
