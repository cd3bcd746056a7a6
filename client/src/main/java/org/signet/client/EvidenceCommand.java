package org.signet.client;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import org.signet.client.soap.EvidenceRequest;
import org.signet.client.soap.SignetFault;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/** {@code signet evidence get}: the RFC 4998 evidence record of a document Signet signed and archived. */
final class EvidenceCommand extends Command {

    EvidenceCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String[] args, Map<String, String> o) throws SignetFault {
        if (args.length < 2 || !args[1].equals("get")) {
            throw new UsageException("evidence takes: get --in FILE [--out FILE.ers]");
        }
        Path in = input(o.get("in"));
        Path output = o.containsKey("out") ? Path.of(o.get("out")) : sibling(in, in.getFileName() + ".ers");
        EvidenceRequest request = new EvidenceRequest();
        request.setDocument(new DataHandler(new FileDataSource(in.toFile())));
        write(connect(o).evidenceRecord(request), output);
        if (!o.containsKey("quiet")) {
            out.println(output);
        }
        return OK;
    }
}
