package org.signet.client;

import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.SignetFault;
import org.signet.client.soap.admin.HotFolder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/** ./signet hotfolder add|list|remove (admin role). */
final class HotFolderCommand extends AdminCommand {

    HotFolderCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String command, Administration admin, Map<String, String> o) throws SignetFault, IOException {
        switch (command) {
            case "add" -> {
                HotFolder folder = new HotFolder();
                folder.setName(required(o, "name"));
                folder.setRoot(absolute(required(o, "root")));
                folder.setOut(absolute(required(o, "out")));
                folder.setError(absolute(required(o, "error")));
                folder.setWorkflow(o.get("workflow"));
                folder.setFormat(o.containsKey("workflow") ? o.get("format") : required(o, "format"));
                folder.setLevel(o.get("level"));
                folder.setSeal(o.containsKey("workflow") ? o.get("seal") : required(o, "seal"));
                folder.setRunAs(o.get("run-as"));
                folder.setCards(o.get("cards"));
                folder.setStampText(o.containsKey("stamp-text") ? o.get("stamp-text").replace("\\n", "\n") : null);
                folder.setApprovalFile(o.get("approval-file"));
                folder.setReadyFile(o.get("ready-file"));
                folder.setFilter(o.get("filter"));
                folder.setKeepOriginals(o.containsKey("keep-originals") ? Boolean.TRUE : null);
                folder.setArchive(o.containsKey("no-archive") ? Boolean.FALSE : null);
                folder.setKeepDocuments(o.containsKey("keep-documents") ? Boolean.TRUE : null);
                HotFolder added = admin.putHotFolder(folder);
                out.println("hot folder " + added.getName() + ": " + added.getRoot() + " -> " + added.getOut() + " (errors to "
                        + added.getError() + "), " + what(added) + " as " + added.getRunAs());
            }
            case "list" -> {
                for (HotFolder f : admin.listHotFolders()) {
                    out.println(f.getName() + "  " + f.getRoot() + " -> " + f.getOut() + "  errors " + f.getError() + "  " + what(f)
                            + "  as " + f.getRunAs() + "  approval " + f.getApprovalFile()
                            + ", ready " + f.getReadyFile() + (f.getFilter() == null ? "" : "  filter " + f.getFilter())
                            + (f.getCards() == null ? "" : "  cards " + f.getCards())
                            + (Boolean.TRUE.equals(f.isKeepOriginals()) ? "  keeps originals" : "")
                            + (Boolean.FALSE.equals(f.isArchive()) ? "  not archived" : "")
                            + (Boolean.TRUE.equals(f.isKeepDocuments()) ? "  documents kept in the archive" : ""));
                }
            }
            case "remove" -> {
                admin.removeHotFolder(required(o, "name"));
                out.println("hot folder " + o.get("name") + " removed (its folders and files stay)");
            }
            default -> throw new UsageException("usage: signet hotfolder add|list|remove ...; try: signet help");
        }
        return OK;
    }

    private static String what(HotFolder f) {
        return f.getWorkflow() != null ? "each document starts workflow " + f.getWorkflow()
                : f.getFormat() + "-" + f.getLevel() + " with seal " + f.getSeal();
    }

    /** The server resolves folders itself: relative ones are made absolute against where the command runs. */
    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize().toString();
    }
}
