package org.signet.client;

import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.ArchiveHashRenewal;
import org.signet.client.soap.admin.ArchiveSealing;
import org.signet.client.soap.admin.NotKeptDocument;
import org.signet.client.soap.admin.ArchiveOverview;
import org.signet.client.soap.admin.SignetFault;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import org.signet.client.soap.ArchivedDocument;
import org.signet.client.soap.Signing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.signet.client.SignetCli.OK;
import static org.signet.client.SignetCli.REFUSED;

/**
 * {@code signet archive seal|status|renew}: seal the archive now (admin), show what waits and the last sealing,
 * renew the time stamps that expire within N days, or renew the hash trees into a new hash, after bringing back
 * documents the archive store does not keep (admin).
 */
final class ArchiveCommand extends AdminCommand {

    ArchiveCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String command, Administration admin, Map<String, String> o) throws SignetFault, IOException {
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
                if (o.containsKey("in") && !bringBack(Path.of(o.get("in")), o)) {
                    return REFUSED;
                }
                if (o.containsKey("hash-algorithm") || o.containsKey("in")) {
                    ArchiveHashRenewal renewal = admin.renewArchiveHashTrees(o.get("hash-algorithm"));
                    out.println(renewal.getRenewedEntries() + " entries renewed into " + renewal.getAlgorithm() + " in "
                            + renewal.getNewTrees() + " new tree(s); " + renewal.getEntriesNotKept()
                            + " wait for documents the archive store does not keep");
                    for (NotKeptDocument document : renewal.getNotKept()) {
                        out.println("  not kept: " + document.getSha256() + "  " + document.getFormat() + "  " + (document.getBatch() == null ? ""
                                : document.getBatch() + "/") + (document.getDocumentName() == null ? "" : document.getDocumentName()));
                    }
                    return OK;
                }
                int days = o.containsKey("days") ? days(o.get("days")) : 0;
                out.println(admin.renewArchiveTimeStamps(days) + " tree(s) time-stamped anew");
                return OK;
            }
            default -> throw new UsageException("archive takes: seal | status | renew [--days N]"
                    + " | renew [--in FOLDER] --hash-algorithm H");
        }
    }

    /**
     * Brings the archived documents under {@code folder} (links not followed) back to the archive store; a file Signet
     * did not archive is named and skipped. False when the server refused otherwise (said on err).
     */
    private boolean bringBack(Path folder, Map<String, String> o) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new UsageException("--in takes a folder of archived documents: " + folder);
        }
        Signing signing = connect(o);
        int brought = 0;
        int unknown = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path file : files) {
            ArchivedDocument request = new ArchivedDocument();
            request.setDocument(new DataHandler(new FileDataSource(file.toFile())));
            try {
                signing.keepArchivedDocument(request);
                brought++;
            } catch (org.signet.client.soap.SignetFault e) {
                if (!"NOT_ARCHIVED".equals(e.getFaultInfo().getCode())) {
                    err.println("signet: refused (" + e.getFaultInfo().getCode() + "): " + file + ": " + e.getMessage());
                    return false;
                }
                out.println("  not archived: " + file);
                unknown++;
            }
        }
        out.println(brought + " document(s) brought back to the archive store, " + unknown + " not archived");
        return true;
    }

    private static int days(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--days takes a number of days, not '" + value + "'");
        }
    }
}
