package org.signet.client;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import org.signet.client.soap.SignatureResult;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.VerificationRequest;
import org.signet.client.soap.VerificationResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.signet.client.SignetCli.NOT_VALID;
import static org.signet.client.SignetCli.OK;

/** {@code signet verify}: one line a signature; exit 0 only when every signature is valid. */
final class VerifyCommand extends Command {

    VerifyCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String[] args, Map<String, String> o) throws SignetFault {
        Path in = input(o.get("in"));
        VerificationRequest request = new VerificationRequest();
        request.setDocument(new DataHandler(new FileDataSource(in.toFile())));
        request.setDocumentName(in.getFileName().toString());
        if (o.containsKey("signature")) {
            request.setDetachedSignature(new DataHandler(new FileDataSource(input(o.get("signature")).toFile())));
        }
        request.setEtsiReport(o.containsKey("etsi-report"));
        request.setArchive(o.containsKey("archive"));
        VerificationResult result = connect(o).verify(request);
        if (result.getSignature().isEmpty()) {
            out.println("NO SIGNATURE  " + in);
        }
        for (SignatureResult s : result.getSignature()) {
            if ("EMPTY".equals(s.getStatusName())) {
                out.println("3 EMPTY    field " + s.getFieldName());
                continue;
            }
            out.println(s.getStatus() + " " + s.getStatusName() + "  " + s.getSignatureFormat()
                    + (s.getFieldName() == null ? "" : "  field " + s.getFieldName())
                    + "  signed by " + s.getSignedBy() + "  at " + s.getSigningTime()
                    + (s.isCertificateExpired() ? "  (certificate expired)" : "")
                    + (s.isValid() ? "" : "  [" + s.getIndication() + (s.getSubIndication() == null ? "" : "/" + s.getSubIndication())
                    + "] " + String.join("; ", s.getError())));
        }
        if (result.isArchived()) {
            out.println("ARCHIVED  " + (o.containsKey("signature") ? o.get("signature") : in) + " entered the archive");
        } else if (o.containsKey("archive")) {
            out.println("NOT ARCHIVED  only a file whose every signature is valid enters the archive");
        }
        if (o.containsKey("etsi-report") && result.getEtsiValidationReport() != null) {
            try {
                Files.writeString(Path.of(o.get("etsi-report")), result.getEtsiValidationReport());
            } catch (IOException e) {
                throw new UsageException("cannot write " + o.get("etsi-report") + ": " + e.getMessage());
            }
        }
        return result.isAllValid() ? OK : NOT_VALID;
    }
}
