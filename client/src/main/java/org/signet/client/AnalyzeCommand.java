package org.signet.client;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import org.signet.client.soap.AnalysisRequest;
import org.signet.client.soap.SignetFault;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/** {@code signet analyze}: the PDF's version, PDF/A part and signature fields as XML. */
final class AnalyzeCommand extends Command {

    AnalyzeCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String[] args, Map<String, String> o) throws SignetFault {
        Path in = input(o.get("in"));
        AnalysisRequest request = new AnalysisRequest();
        request.setDocument(new DataHandler(new FileDataSource(in.toFile())));
        request.setDocumentName(in.getFileName().toString());
        out.println(connect(o).analyzePdf(request).getXml());
        return OK;
    }
}
