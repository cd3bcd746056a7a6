package org.signet.client;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.MTOMFeature;
import org.signet.client.soap.Signing;
import org.signet.client.soap.SigningService;
import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.AdministrationService;

import java.net.URL;
import java.util.List;
import java.util.Map;

/** A ready SOAP port: MTOM on, credentials (HTTP Basic, a bearer token or a client certificate), the server certificates to trust and timeouts set, bundled WSDL (no fetch at start). */
public final class SignetClient {

    private SignetClient() { }

    public static Signing connect(ClientSettings settings, int requestTimeoutSeconds) {
        URL wsdl = SignetClient.class.getResource("/wsdl/SigningService.wsdl");
        Signing port = new SigningService(wsdl).getSigningPort(new MTOMFeature(true));
        return configured(port, settings.endpoint().toString(), settings, requestTimeoutSeconds);
    }

    /** The administration port on the same server (admin role needed for every operation). */
    public static Administration administration(ClientSettings settings, int requestTimeoutSeconds) {
        URL wsdl = SignetClient.class.getResource("/wsdl/AdministrationService.wsdl");
        Administration port = new AdministrationService(wsdl).getAdministrationPort();
        return configured(port, settings.endpoint().resolve(ClientSettings.ADMINISTRATION_PATH).toString(), settings,
                requestTimeoutSeconds);
    }

    /** Files above this size are sent in chunks as they are read, without the whole message built in memory first. */
    public static final long STREAMED_ABOVE = 16L << 20;

    /**
     * The port sends its requests in HTTP chunks as it writes them: an attachment of any size leaves the client as it
     * is read. Only for large documents, since the server reads a body of unknown length as a large one.
     */
    public static Signing streaming(Signing port) {
        ((BindingProvider) port).getRequestContext().put("com.sun.xml.ws.transport.http.client.streaming.chunk.size", 1 << 16);
        return port;
    }

    private static <P> P configured(P port, String address, ClientSettings settings, int requestTimeoutSeconds) {
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
        if (settings.token() != null) {
            context.put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("Authorization", List.of(settings.authorization())));
        } else if (settings.user() != null) { // else the client certificate alone
            context.put(BindingProvider.USERNAME_PROPERTY, settings.user());
            context.put(BindingProvider.PASSWORD_PROPERTY, settings.password());
        }
        if (settings.tls() != null) {
            context.put("com.sun.xml.ws.transport.https.client.SSLSocketFactory", settings.tls().getSocketFactory());
        }
        context.put("com.sun.xml.ws.connect.timeout", 10_000);
        context.put("com.sun.xml.ws.request.timeout", requestTimeoutSeconds * 1000);
        return port;
    }
}
