package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.signet.admin.PersonalCredentials;
import org.signet.model.SignetException;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A person links a credential of a remote signature service: sent to the service's login (OAuth 2.0 authorization code
 * with PKCE; state and verifier kept in the person's session), and back. The session cookie is SameSite=Strict, so the
 * browser leaves it out of the issuer's redirect: the callback answers a page that opens the console's own address,
 * which the browser then asks with the cookie, and there the state is checked and the code used.
 */
@WebServlet(urlPatterns = {RemoteCredentialLogin.AUTHORIZE, RemoteCredentialLogin.CALLBACK, RemoteCredentialLogin.LINKED})
public class RemoteCredentialLogin extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String AUTHORIZE = "/console/remote/authorize";
    static final String CALLBACK = "/remote/callback";
    static final String LINKED = "/console/remote/linked";
    static final String PAGE = "/console/remote-credential.xhtml";
    /** The session attribute holding the login under way. */
    static final String PENDING = RemoteCredentialLogin.class.getName() + ".pending";
    /** The session attribute holding what the page says after the person came back: the outcome or the problem. */
    static final String OUTCOME = RemoteCredentialLogin.class.getName() + ".outcome";

    /** What came back, in the page's words ({@code key}) and the service's ({@code detail}). */
    record Outcome(String key, String detail) implements Serializable { }

    private record Pending(String service, String state, String verifier) implements Serializable { }

    @EJB
    private PersonalCredentials credentials;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        switch (request.getServletPath()) {
            case AUTHORIZE -> authorize(request, response);
            case CALLBACK -> back(request, response);
            default -> linked(request, response);
        }
    }

    private void authorize(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            PersonalCredentials.Login login = credentials.begin(request.getParameter("service"));
            request.getSession(true).setAttribute(PENDING, new Pending(login.service(), login.state(), login.codeVerifier()));
            response.sendRedirect(login.location().toString());
        } catch (SignetException e) {
            done(request, response, "remote.problem", e.getMessage());
        }
    }

    /** The issuer's redirect, without the session cookie: a page that opens the console's address with the same answer. */
    private void back(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder query = new StringBuilder();
        for (String name : new String[] {"code", "state", "error"}) {
            String value = request.getParameter(name);
            if (value != null) {
                if (!value.matches("[A-Za-z0-9._~-]{1,4096}")) {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, "the parameter " + name + " is not what an OAuth 2.0 issuer sends");
                    return;
                }
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(value);
            }
        }
        String target = request.getContextPath() + LINKED + query;
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html><head><meta http-equiv=\"refresh\" content=\"0;url=" + target + "\">"
                + "<title>Signet</title></head><body><p><a href=\"" + target + "\">Signet</a></p></body></html>");
    }

    private void linked(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Object kept = session == null ? null : session.getAttribute(PENDING);
        if (session != null) {
            session.removeAttribute(PENDING);
        }
        String state = request.getParameter("state");
        if (!(kept instanceof Pending pending) || state == null
                || !MessageDigest.isEqual(pending.state().getBytes(StandardCharsets.US_ASCII), state.getBytes(StandardCharsets.US_ASCII))) {
            done(request, response, "remote.unasked", null);
            return;
        }
        String error = request.getParameter("error");
        String code = request.getParameter("code");
        if (error != null || code == null) {
            done(request, response, "remote.refused", error == null ? "no code" : error);
            return;
        }
        try {
            credentials.link(pending.service(), code.toCharArray(), pending.verifier());
            done(request, response, "remote.linked", null);
        } catch (SignetException e) {
            done(request, response, "remote.problem", e.getMessage());
        }
    }

    private static void done(HttpServletRequest request, HttpServletResponse response, String key, String detail) throws IOException {
        request.getSession(true).setAttribute(OUTCOME, new Outcome(key, detail));
        response.sendRedirect(request.getContextPath() + PAGE);
    }
}
