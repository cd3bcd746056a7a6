package org.signet.client;

import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.ArchiveSealing;
import org.signet.client.soap.admin.ArchiveOverview;
import org.signet.client.soap.admin.SignetFault;

import java.io.PrintStream;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/**
 * {@code signet archive seal|status|renew}: seal the archive now (admin), show what waits and the last sealing, or
 * renew the time stamps that expire within N days (admin).
 */
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
            case "renew" -> {
                int days = o.containsKey("days") ? days(o.get("days")) : 0;
                out.println(admin.renewArchiveTimeStamps(days) + " tree(s) time-stamped anew");
                return OK;
            }
            default -> throw new UsageException("archive takes: seal | status | renew [--days N]");
        }
    }

    private static int days(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--days takes a number of days, not '" + value + "'");
        }
    }
}
