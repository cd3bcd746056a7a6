package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.signet.workflow.Workflows;

import java.io.IOException;
import java.security.Principal;

/**
 * Sends a browser that has not signed in (password, then the one-time code of a user with an authenticator) to the
 * sign-in page; a Faces Ajax request gets the redirect as a partial response, which the page follows. The one page
 * open without signing in is a workflow's, for a link that signs by itself (a step marked so, from a network the
 * server configuration allows): the workflow service decides, and the link is kept in the session for the page's
 * own requests.
 */
public class SignInRequired extends HttpFilter {

    static final String WORKFLOW_PAGE = "/console/workflow.xhtml";
    /** The session attribute holding a link that signs by itself, once its page was opened with it. */
    static final String LINK_ALONE = SignInRequired.class.getName() + ".link";

    @EJB
    private Workflows workflows;

    static final String PAGE = "/console/sign-in.xhtml";
    /** The session attribute holding the name of the user who passed both steps. */
    static final String SIGNED_IN = SignInRequired.class.getName() + ".user";
    /** The session attribute holding the page a browser asked for before signing in (a workflow's link), opened after. */
    static final String RETURN_TO = SignInRequired.class.getName() + ".returnTo";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (PAGE.equals(request.getServletPath()) || signedIn(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (WORKFLOW_PAGE.equals(request.getServletPath()) && opensByLinkAlone(request)) {
            chain.doFilter(request, response);
            return;
        }
        String signIn = request.getContextPath() + PAGE;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\"" + signIn
                    + "\"/></partial-response>");
            return;
        }
        if ("GET".equals(request.getMethod())) {
            String query = request.getQueryString();
            request.getSession(true).setAttribute(RETURN_TO, request.getRequestURI() + (query == null ? "" : "?" + query));
        }
        response.sendRedirect(signIn);
    }

    private boolean opensByLinkAlone(HttpServletRequest request) {
        String given = "GET".equals(request.getMethod()) ? request.getParameter("link") : null;
        HttpSession session = request.getSession(false);
        String link = given != null ? given : session == null ? null : (String) session.getAttribute(LINK_ALONE);
        if (link == null || !workflows.opensByLinkAlone(link)) {
            return false;
        }
        request.getSession(true).setAttribute(LINK_ALONE, link);
        return true;
    }

    /** The link that opened the workflow page without signing in, if it still does. */
    static String linkAlone(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return signedIn(request) || session == null ? null : (String) session.getAttribute(LINK_ALONE);
    }

    /** The page to open after signing in: only one of the console's own, taken once. */
    static String returnTo(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object asked = session == null ? null : session.getAttribute(RETURN_TO);
        if (session != null) {
            session.removeAttribute(RETURN_TO);
        }
        String console = request.getContextPath() + "/console/";
        return asked instanceof String path && path.startsWith(console) && !path.contains("//") && !path.contains("\\")
                && !path.contains("..") ? path : null;
    }

    /** Both steps passed in this HTTP session, and the container still knows the same user (not signed out, not expired). */
    static boolean signedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Principal principal = request.getUserPrincipal();
        return session != null && principal != null && principal.getName().equals(session.getAttribute(SIGNED_IN));
    }
}
