package org.signet.pki;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/** The RFC 7468 text form of certificates and certification requests, as OpenSSL, keytool and browsers exchange them. */
public final class Pem {

    public static final String CERTIFICATE = "CERTIFICATE";
    public static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";
    /** The label keytool -certreq writes; RFC 7468 section 7 asks readers to accept it. */
    private static final String NEW_CERTIFICATE_REQUEST = "NEW CERTIFICATE REQUEST";

    private Pem() { }

    public static String encode(String label, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(label, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    public static String certificate(X509Certificate certificate) throws GeneralSecurityException {
        return encode(CERTIFICATE, certificate.getEncoded());
    }

    /** The DER of the first certification request in the text; anything else there is refused. */
    public static byte[] certificationRequest(String text) throws GeneralSecurityException {
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject object = reader.readPemObject();
            if (object == null) {
                throw new GeneralSecurityException("no PEM certification request in the text");
            }
            if (!object.getType().equals(CERTIFICATE_REQUEST) && !object.getType().equals(NEW_CERTIFICATE_REQUEST)) {
                throw new GeneralSecurityException("a PEM " + object.getType() + " where a certification request was expected");
            }
            return object.getContent();
        } catch (IOException | RuntimeException e) { // no END line, a broken Base64 body
            throw new GeneralSecurityException("no readable PEM certification request: " + e.getMessage(), e);
        }
    }
}
