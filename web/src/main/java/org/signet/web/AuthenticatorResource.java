package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.signet.api.AdminRequests.OneTimeCode;
import org.signet.api.AuthenticatorEnrolment;
import org.signet.security.SecondFactors;

/**
 * The caller's own authenticator (TOTP): POST /api/authenticator enrols one and shows its secret and recovery codes
 * once; POST /api/authenticator/confirmation {"code"} confirms it with a first code.
 */
@Path("authenticator")
public class AuthenticatorResource {

    @EJB
    private SecondFactors secondFactors;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public AuthenticatorEnrolment enrol() {
        return AuthenticatorEnrolment.of(secondFactors.enrol());
    }

    @POST
    @Path("confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirm(OneTimeCode body) {
        secondFactors.confirm(body == null ? null : body.code());
        return Response.noContent().build();
    }
}
