package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.signet.document.Documents;
import org.signet.model.SignetException;
import org.signet.timestamp.TimeStampService;

import java.io.IOException;
import java.util.Locale;

/**
 * POST /signet/tsa: RFC 3161 over HTTP (application/timestamp-query in, application/timestamp-reply out).
 * Authenticated like every Signet endpoint that signs; refusals of the request itself are RFC 3161 answers.
 */
@WebServlet("/tsa")
public class TimeStampServlet extends HttpServlet {

    /** A TimeStampReq is a few hundred bytes; anything near this is not one. */
    private static final long MAX_REQUEST = 16 * 1024;

    @EJB
    private TimeStampService tsa;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/timestamp-query")) {
            response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "send an RFC 3161 request as application/timestamp-query");
            return;
        }
        byte[] reply;
        try {
            reply = tsa.respond(Documents.readBounded(request.getInputStream(), MAX_REQUEST, "the time-stamp request"));
        } catch (RuntimeException e) {
            SignetException refusal = SignetException.from(e);
            response.sendError(refusal.kind().httpStatus(), refusal.getMessage());
            return;
        }
        response.setContentType("application/timestamp-reply");
        response.setContentLength(reply.length);
        response.getOutputStream().write(reply);
    }
}
