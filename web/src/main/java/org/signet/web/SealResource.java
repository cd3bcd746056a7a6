package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.signet.api.SealDescription;
import org.signet.seal.SealService;

import java.util.List;

/** GET /api/seals: the seals the caller may use. */
@Path("seals")
@Produces(MediaType.APPLICATION_JSON)
public class SealResource {

    @EJB
    private SealService seals;

    @GET
    public List<SealDescription> mySeals() {
        return seals.sealsForCaller().stream().map(SealDescription::of).toList();
    }
}
