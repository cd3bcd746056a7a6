package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.signet.api.LogLeaves;
import org.signet.api.LogProof;
import org.signet.api.LogTreeHead;
import org.signet.archive.LogHead;
import org.signet.archive.TransparencyLog;
import org.signet.model.SignetException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * GET /signet/log/tree-head[?treeSize=N], /inclusion?root=R[&treeSize=N], /consistency?first=M[&second=N],
 * /leaves?start=S&end=E: the archive's log, public and without credentials, like a CRL. Only roots of sealed trees are
 * shown. What names a size is the same forever, so it may be cached for a year; the latest head for a minute.
 */
@WebServlet("/log/*")
public class TransparencyLogServlet extends HttpServlet {

    private static final String FOREVER = "public, max-age=31536000, immutable";
    private static final Jsonb JSON = JsonbBuilder.create();

    @EJB
    private TransparencyLog log;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        try {
            switch (path) {
                case "/tree-head" -> {
                    Long size = number(request, "treeSize", false);
                    LogHead head = size == null ? log.latestHead() : log.head(size);
                    if (head == null) {
                        throw new SignetException(SignetException.Kind.NOT_ARCHIVED, "the archive has not been sealed yet: the log is empty");
                    }
                    answer(response, LogTreeHead.of(head), size == null ? "public, max-age=60" : FOREVER);
                }
                case "/inclusion" -> {
                    Long size = number(request, "treeSize", false);
                    answer(response, LogProof.inclusion(log.inclusion(request.getParameter("root"), size)),
                            size == null ? "no-cache" : FOREVER);
                }
                case "/consistency" -> {
                    Long second = number(request, "second", false);
                    answer(response, LogProof.consistency(log.consistency(number(request, "first", true), second)),
                            second == null ? "no-cache" : FOREVER);
                }
                case "/leaves" -> answer(response, LogLeaves.of(log.leaves(number(request, "start", true), number(request, "end", true))),
                        "no-cache");
                default -> throw new SignetException(SignetException.Kind.NOT_ARCHIVED,
                        "the log answers /tree-head, /inclusion, /consistency and /leaves, not '" + path + "'");
            }
        } catch (RuntimeException e) {
            SignetException refusal = SignetException.from(e);
            response.setStatus(refusal.kind().httpStatus());
            write(response, new Problem(refusal.kind().name(), refusal.getMessage()), "no-store");
        }
    }

    private static Long number(HttpServletRequest request, String name, boolean required) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            if (required) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "the parameter '" + name + "' is missing");
            }
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, name + " is a number, not '" + value + "'");
        }
    }

    private static void answer(HttpServletResponse response, Object body, String caching) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        write(response, body, caching);
    }

    private static void write(HttpServletResponse response, Object body, String caching) throws IOException {
        byte[] json = JSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", caching);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
