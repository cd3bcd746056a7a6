package org.signet.client;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import org.signet.client.soap.EvidenceRequest;
import org.signet.client.soap.EvidenceVerification;
import org.signet.client.soap.EvidenceVerificationRequest;
import org.signet.client.soap.SignetFault;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import static org.signet.client.SignetCli.NOT_VALID;
import static org.signet.client.SignetCli.OK;

/**
 * {@code signet evidence get}: the RFC 4998 evidence record of a document Signet signed and archived;
 * {@code signet evidence verify}: a record checked over its document (exit 0 valid, 1 not).
 */
final class EvidenceCommand extends Command {

    EvidenceCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String[] args, Map<String, String> o) throws SignetFault {
        String command = args.length < 2 ? "" : args[1];
        if (command.equals("verify")) {
            return verify(o);
        }
        if (!command.equals("get")) {
            throw new UsageException("evidence takes: get --in FILE [--xml] [--out FILE.ers] | get --hotfolder H --batch B --file F"
                    + " [--xml] [--out FILE.ers] | get --signature-id HEX [--out FILE.ers] | verify --in FILE --er FILE.ers");
        }
        EvidenceRequest request = new EvidenceRequest();
        boolean xml = o.containsKey("xml");
        request.setForm(xml ? "XML" : null);
        String extension = xml ? ".xers" : ".ers";
        Path output;
        if (o.containsKey("signature-id")) {
            // a signature value entered on its own, by its SHA-256
            request.setDocumentSha256(o.get("signature-id"));
            output = Path.of(o.containsKey("out") ? o.get("out") : "signature-" + o.get("signature-id") + extension);
        } else if (o.containsKey("file")) {
            request.setHotFolder(required(o, "hotfolder"));
            request.setBatch(required(o, "batch"));
            request.setFile(o.get("file"));
            output = Path.of(o.containsKey("out") ? o.get("out") : Path.of(o.get("file")).getFileName() + extension);
        } else {
            Path in = input(o.get("in"));
            output = o.containsKey("out") ? Path.of(o.get("out")) : sibling(in, in.getFileName() + extension);
            request.setDocument(new DataHandler(new FileDataSource(in.toFile())));
        }
        write(connect(o).evidenceRecord(request), output);
        if (!o.containsKey("quiet")) {
            out.println(output);
        }
        return OK;
    }

    private int verify(Map<String, String> o) throws SignetFault {
        Path in = input(o.get("in"));
        Path record = input(required(o, "er"));
        EvidenceVerificationRequest request = new EvidenceVerificationRequest();
        request.setDocument(new DataHandler(new FileDataSource(in.toFile())));
        request.setDocumentName(in.getFileName().toString());
        request.setEvidenceRecord(new DataHandler(new FileDataSource(record.toFile())));
        EvidenceVerification verdict = connect(o).verifyEvidenceRecord(request);
        out.println((verdict.isValid() ? "VALID" : "NOT VALID") + "  " + verdict.getIndication()
                + (verdict.getSubIndication() == null ? "" : "/" + verdict.getSubIndication())
                + "  proven at " + verdict.getProvenAt() + "  " + verdict.getDigestAlgorithm() + "  time stamp by "
                + verdict.getTimeStampAuthority() + "  renew before " + verdict.getRenewBefore());
        for (var stamp : verdict.getTimeStamp()) {
            out.println("  " + (stamp.getChain() == null ? "" : "chain " + stamp.getChain() + "  ") + "time stamp " + stamp.getTime()
                    + "  " + stamp.getDigestAlgorithm() + "  by " + stamp.getAuthority()
                    + (stamp.isIntact() ? "" : "  NOT INTACT") + "  authority valid to " + stamp.getAuthorityValidTo());
        }
        verdict.getError().forEach(error -> out.println("  " + error));
        return verdict.isValid() ? OK : NOT_VALID;
    }
}
