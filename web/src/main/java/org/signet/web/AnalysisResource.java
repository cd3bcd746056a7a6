package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.signet.analysis.PdfAnalysis;
import org.signet.analysis.PdfAnalyzer;
import org.signet.api.AnalysisResult;

import java.io.InputStream;

/** POST /api/analyze: a PDF in; JSON, or the {@code <PDFDocument>} XML with Accept: application/xml. */
@Path("analyze")
public class AnalysisResource {

    @EJB
    private PdfAnalyzer analyzer;
    @Inject
    private Uploads uploads;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
    public Response analyze(@QueryParam("name") String name, @HeaderParam("Accept") String accept, InputStream body) {
        PdfAnalysis analysis = analyzer.analyze(uploads.read(body, "the document"), name);
        if (accept != null && accept.contains("xml") && !accept.contains("json")) {
            return Response.ok(analysis.xml(), MediaType.APPLICATION_XML_TYPE).build();
        }
        return Response.ok(AnalysisResult.of(analysis), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
