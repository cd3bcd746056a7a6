package org.signet.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.signet.pki.CertificateAuthority;

import java.io.IOException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;

/** GET /signet/crl/ca.crl: the CRL of Signet's CA, public as a distribution point must be. */
@WebServlet("/crl/ca.crl")
public class RevocationListServlet extends HttpServlet {

    @Inject
    private CertificateAuthority authority;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        X509CRL crl = authority.currentCrl().orElse(null);
        if (crl == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "this Signet has no CA of its own");
            return;
        }
        try {
            byte[] der = crl.getEncoded();
            response.setContentType("application/pkix-crl");
            response.setContentLength(der.length);
            response.setDateHeader("Last-Modified", crl.getThisUpdate().getTime());
            response.setDateHeader("Expires", crl.getNextUpdate().getTime());
            response.getOutputStream().write(der);
        } catch (CRLException e) {
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "the CRL cannot be encoded");
        }
    }
}
