package org.signet.security;

import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Whether the organisation's directory answers, for the admin pages: an anonymous LDAP bind (RFC 4511 §4.2, no name, no
 * password), over TLS with the server's name checked for {@code ldaps://}. Any bind answer counts as an answer (a
 * directory may refuse anonymous binds); no password is ever sent. People's logins go through Signet's realm, which
 * reads the same {@code signet.ldap.*} properties and checks them at start-up.
 */
public final class DirectoryProbe {

    /** What the admin pages show of the directory; {@code url} null: none is configured. */
    public record Status(String url, String userBase, boolean answering, String problem) { }

    public static final String URL = "signet.ldap.url";
    public static final String USER_BASE = "signet.ldap.user-base";

    /** messageID 1, BindRequest { version 3, name "", simple "" } */
    private static final byte[] ANONYMOUS_BIND = {0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00, (byte) 0x80, 0x00};
    private static final int LARGEST_ANSWER = 4096;

    private DirectoryProbe() { }

    /** The directory named in the server's configuration, asked now. */
    public static Status configured(int timeoutMillis) {
        String url = System.getProperty(URL, "").strip();
        return url.isEmpty() ? new Status(null, null, false, null) : probe(url, System.getProperty(USER_BASE, "").strip(), timeoutMillis);
    }

    static Status probe(String url, String userBase, int timeoutMillis) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Status(url, userBase, false, "not a URL");
        }
        boolean tls = "ldaps".equals(uri.getScheme());
        if (!tls && !"ldap".equals(uri.getScheme()) || uri.getHost() == null) {
            return new Status(url, userBase, false, "not an ldap:// or ldaps:// URL");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 636 : 389;
        try (Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            if (socket instanceof SSLSocket secure) {
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                secure.setSSLParameters(parameters);
                secure.startHandshake();
            }
            OutputStream out = socket.getOutputStream();
            out.write(ANONYMOUS_BIND);
            out.flush();
            int result = bindResult(socket.getInputStream());
            return new Status(url, userBase, true, result == 0 ? null : "an anonymous bind is refused with result code " + result
                    + " (people's logins are not affected)");
        } catch (IOException e) {
            return new Status(url, userBase, false, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The resultCode of the BindResponse to message 1. */
    static int bindResult(InputStream in) throws IOException {
        ASN1Primitive answer;
        try (ASN1InputStream asn1 = new ASN1InputStream(in, LARGEST_ANSWER)) {
            answer = asn1.readObject();
            if (answer == null) {
                throw new IOException("the connection closed without an answer");
            }
        } catch (IllegalStateException | ClassCastException e) {
            throw new IOException("the answer is not LDAP");
        }
        try {
            ASN1Sequence message = ASN1Sequence.getInstance(answer);
            ASN1TaggedObject response = ASN1TaggedObject.getInstance(message.getObjectAt(1));
            if (ASN1Integer.getInstance(message.getObjectAt(0)).intValueExact() != 1 || response.getTagClass() != BERTags.APPLICATION
                    || response.getTagNo() != 1) {
                throw new IOException("the answer is not a bind response");
            }
            ASN1Sequence bind = ASN1Sequence.getInstance(response.getBaseUniversal(false, BERTags.SEQUENCE));
            return ASN1Enumerated.getInstance(bind.getObjectAt(0)).intValueExact();
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("the answer is not LDAP");
        }
    }
}
