package org.signet.client;

import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.SignetFault;
import org.signet.client.soap.admin.BatchProgress;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

import static org.signet.client.SignetCli.BATCH_FAILED;
import static org.signet.client.SignetCli.BATCH_PARTIAL;
import static org.signet.client.SignetCli.BATCH_RUNNING;
import static org.signet.client.SignetCli.BATCH_UNCONFIRMED;
import static org.signet.client.SignetCli.OK;

/**
 * ./signet batch start|status|wait|stop|restart: hot-folder batches driven by a scheduler; batch awaiting|confirm: a person
 * confirms a batch whose seal requires a second factor.
 */
final class BatchCommand extends AdminCommand {

    BatchCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String command, Administration admin, Map<String, String> o) throws SignetFault, IOException {
        switch (command) {
            case "start" -> {
                BatchProgress started = admin.approveBatch(required(o, "hotfolder"), required(o, "batch"));
                out.println(started.getId());
                return o.containsKey("wait") ? await(admin, started.getId(), o) : OK;
            }
            case "status" -> {
                return report(admin.batchStatus(required(o, "id")));
            }
            case "wait" -> {
                return await(admin, required(o, "id"), o);
            }
            case "stop" -> {
                admin.stopBatch(required(o, "id"));
                out.println("batch " + o.get("id") + " stops after its current chunk");
                return OK;
            }
            case "restart" -> {
                admin.restartBatch(required(o, "id"));
                out.println("batch " + o.get("id") + " restarted");
                return o.containsKey("wait") ? await(admin, o.get("id"), o) : OK;
            }
            case "awaiting" -> {
                for (BatchProgress waiting : admin.batchesAwaitingConfirmation()) {
                    out.println(waiting.getId() + "  " + waiting.getHotFolder() + "/" + waiting.getName() + "  " + waiting.getPending()
                            + " files  since " + waiting.getStarted());
                }
                return OK;
            }
            case "confirm" -> {
                String code = required(o, "otp");
                BatchProgress confirmed = admin.confirmBatch(required(o, "id"), code);
                return o.containsKey("wait") ? await(admin, confirmed.getId(), o) : report(confirmed);
            }
            default -> throw new UsageException("usage: signet batch start|status|wait|stop|restart|awaiting|confirm ...; try: signet help");
        }
    }

    private int await(Administration admin, String id, Map<String, String> o)
            throws SignetFault {
        long timeout;
        try {
            timeout = Long.parseLong(o.getOrDefault("timeout", "86400"));
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout takes seconds, not '" + o.get("timeout") + "'");
        }
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        BatchProgress progress = admin.batchStatus(id);
        while (("RUNNING".equals(progress.getState()) || "UNCONFIRMED".equals(progress.getState())) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            progress = admin.batchStatus(id);
        }
        return report(progress);
    }

    private int report(BatchProgress p) {
        out.println(p.getId() + "  " + p.getHotFolder() + "/" + p.getName() + "  " + p.getState() + "  signed " + p.getSigned()
                + "  failed " + p.getFailed() + "  pending " + p.getPending()
                + String.format(Locale.ROOT, "  %.1f docs/s", p.getDocumentsPerSecond())
                + (p.getEtaSeconds() == null ? "" : "  eta " + p.getEtaSeconds() + " s")
                + (p.getProblem() == null ? "" : "  (" + p.getProblem() + ")"));
        return switch (p.getState()) {
            case "COMPLETED" -> p.getFailed() == 0 ? OK : BATCH_PARTIAL;
            case "RUNNING" -> BATCH_RUNNING;
            case "UNCONFIRMED" -> BATCH_UNCONFIRMED;
            default -> BATCH_FAILED;
        };
    }
}
