package org.signet.client;

import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.ArchiveSealing;
import org.signet.client.soap.admin.ArchiveOverview;
import org.signet.client.soap.admin.SignetFault;

import java.io.PrintStream;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/** {@code signet archive seal|status}: seal the archive now (admin), or show what waits and the last sealing. */
final class ArchiveCommand extends AdminCommand {

    ArchiveCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String command, Administration admin, Map<String, String> o) throws SignetFault {
        switch (command) {
            case "seal" -> {
                ArchiveSealing sealed = admin.sealArchive();
                out.println(sealed.getTree() == 0 ? "nothing to seal" : "tree " + sealed.getTree() + ": " + sealed.getEntries()
                        + " entries, root " + sealed.getRootSha256() + ", time-stamped " + sealed.getTimeStampedAt());
                return OK;
            }
            case "status" -> {
                ArchiveOverview state = admin.archiveStatus();
                out.println(state.getUnsealedEntries() + " entries wait for the next sealing, " + state.getSealedEntries()
                        + " sealed in " + state.getTrees() + " trees" + (state.getLastTree() == null ? ""
                        : "; last: tree " + state.getLastTree().getTree() + ", time-stamped " + state.getLastTree().getTimeStampedAt()));
                return OK;
            }
            default -> throw new UsageException("archive takes: seal | status");
        }
    }
}
