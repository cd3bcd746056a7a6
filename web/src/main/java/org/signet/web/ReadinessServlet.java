package org.signet.web;

import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.signet.health.SignetReadiness;

import java.io.IOException;

/**
 * GET /signet/health/ready, public as a load balancer's probe must be: 200 and "UP" when Signet can sign, 503 and
 * "DOWN" otherwise, in MicroProfile Health's format. It says how many seals lack a usable key, not which: the admin
 * API's key list names them.
 */
@WebServlet("/health/ready")
public class ReadinessServlet extends HttpServlet {
    /** {@code Json.create...} looks its provider up through the ServiceLoader on every call, a scan of the deployment's jars. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    private SignetReadiness readiness;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignetReadiness.Readiness found = readiness.check();
        JsonObjectBuilder data = JSON.createObjectBuilder();
        found.findings().forEach(data::add);
        String status = found.ready() ? "UP" : "DOWN";
        response.setStatus(found.ready() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(JSON.createObjectBuilder().add("status", status).add("checks", JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder().add("name", "signet").add("status", status).add("data", data))).build().toString());
    }
}
