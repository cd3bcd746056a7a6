package org.signet.client;

import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.AuditCheckpoint;
import org.signet.client.soap.admin.AuditTrailVerification;
import org.signet.client.soap.admin.SignetFault;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.signet.client.SignetCli.NOT_VALID;
import static org.signet.client.SignetCli.OK;

/**
 * {@code signet audit verify|checkpoint|export}: check the audit trail against its seals, chain and time-stamped
 * checkpoints (exit 0 intact, 1 not), time-stamp the chain's head now, or write the whole trail as CSV (admin or auditor).
 */
final class AuditCommand extends AdminCommand {

    AuditCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String command, Administration admin, Map<String, String> o) throws SignetFault {
        switch (command) {
            case "verify" -> {
                AuditTrailVerification check = admin.verifyAuditTrail();
                out.println((check.isIntact() ? "INTACT" : "NOT INTACT") + "  " + check.getEvents() + " events, " + check.getLinks()
                        + " linked" + (check.getUnsealedBefore() == 0 ? "" : " (" + check.getUnsealedBefore() + " from before the seals)")
                        + ", " + check.getCheckpoints() + " checkpoints" + (check.getLastCheckpoint() == null ? ""
                        : ", the last at link " + check.getLastCheckpointLink() + ", " + check.getLastCheckpoint()));
                check.getProblem().forEach(problem -> out.println("  " + problem));
                if (check.getProblemCount() > check.getProblem().size()) {
                    out.println("  ... " + (check.getProblemCount() - check.getProblem().size()) + " more");
                }
                return check.isIntact() ? OK : NOT_VALID;
            }
            case "checkpoint" -> {
                AuditCheckpoint checkpoint = admin.checkpointAuditTrail();
                out.println(checkpoint == null ? "nothing audited yet" : "link " + checkpoint.getLink() + ", head "
                        + checkpoint.getHeadHash() + ", time-stamped " + checkpoint.getMadeAt() + " by " + checkpoint.getTimeStampAuthority());
                return OK;
            }
            case "export" -> {
                Path output = Path.of(required(o, "out"));
                try {
                    Files.write(output, admin.exportAuditTrail());
                } catch (IOException e) {
                    throw new UsageException("cannot write " + output + ": " + e.getMessage());
                }
                out.println(output);
                return OK;
            }
            default -> throw new UsageException("audit takes: verify | checkpoint | export --out FILE.csv");
        }
    }
}
