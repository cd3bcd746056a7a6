package org.signet.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.signet.model.SignetException;

/** Every failure leaves as a status and a {@link Problem}; never as a stack trace. */
@Provider
public class RefusalMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && !(web.getCause() instanceof SignetException)) {
            // JAX-RS's own answers (unknown path, wrong method, unsupported media type) keep their status.
            Response.StatusType status = web.getResponse().getStatusInfo();
            return problem(status.getStatusCode(), status.getReasonPhrase().toUpperCase().replace(' ', '_'),
                    web.getMessage());
        }
        SignetException refusal = SignetException.from(failure);
        return problem(refusal.kind().httpStatus(), refusal.kind().name(), refusal.getMessage());
    }

    private static Response problem(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new Problem(error, message)).build();
    }
}
