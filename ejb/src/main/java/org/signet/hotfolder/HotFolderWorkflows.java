package org.signet.hotfolder;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import org.signet.config.SignetConfiguration;
import org.signet.document.Documents;
import org.signet.model.SignetException;
import org.signet.monitoring.SignetMeters;
import org.signet.schema.RetriedTransaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A chunk of a workflow root's batch: each document starts a workflow from the root's template, as the root's run-as
 * user, and gets a receipt in the outgoing folder ({@code NAME.workflow.json}: the workflow's id, template, document
 * and its SHA-256). The workflow's id is made of the batch and the file name, so a batch resumed after a crash finds
 * the workflows it started and starts no document twice.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HotFolderWorkflows {
    /** {@code Json.create...} looks its provider up through the ServiceLoader on every call, a scan of the deployment's jars. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Refusals no other document of the batch would escape: the template gone, the run-as user no longer allowed. */
    private static final Set<SignetException.Kind> STOP_THE_BATCH = EnumSet.of(SignetException.Kind.UNKNOWN_WORKFLOW,
            SignetException.Kind.NOT_AUTHORISED, SignetException.Kind.NOT_AUTHENTICATED);

    @EJB
    private WorkflowStarts workflows;
    @EJB
    private BatchLedger ledger;
    @Inject
    private SignetMeters meters;
    @Inject
    private SignetConfiguration configuration;

    /**
     * Starts the workflows of a chunk's files (those not done yet) and records each in the ledger: started, or failed
     * with its reason (not a PDF, a field the template names missing, ...), the document then in the error folder.
     *
     * @throws BatchStoppedException after recording what was started, when no document could start a workflow any more
     */
    public void startChunk(Batch batch, HotFolder folder, Path outDir, List<String> fileNames, Map<String, BatchItem> known,
                           Set<String> inLedger) {
        List<BatchLedger.Entry> entries = new ArrayList<>();
        BatchStoppedException stop = null;
        for (String fileName : fileNames) {
            BatchItem done = known.get(fileName);
            if (done != null && done.status() != BatchItem.Status.WRITING) {
                continue;
            }
            BatchInputs.ToSign file = BatchInputs.read(folder, batch, fileName, done != null, entries, configuration.maxDocumentBytes(), 0);
            if (file == null) {
                continue;
            }
            String id = UUID.nameUUIDFromBytes((batch.id() + "/" + fileName).getBytes(StandardCharsets.UTF_8)).toString();
            try {
                // the chunks of a batch start workflows side by side; their outbox rows meet on its identity column
                RetriedTransaction.call(() -> workflows.startFor(folder.runAs(), id, folder.workflow(), file.document(), fileName));
            } catch (SignetException e) {
                if (STOP_THE_BATCH.contains(e.kind())) {
                    stop = new BatchStoppedException("workflow '" + folder.workflow() + "' cannot be started as '" + folder.runAs() + "': "
                            + e.getMessage(), e);
                    break;
                }
                entries.add(ErrorFolder.fail(folder, batch, fileName, file.input(), "no workflow started: " + e.getMessage()));
                continue;
            } catch (EJBException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                entries.add(ErrorFolder.fail(folder, batch, fileName, file.input(), "no workflow started: " + cause.getMessage()));
                continue;
            }
            try {
                byte[] receipt = receipt(id, folder, fileName, Documents.sha256Hex(file.document()));
                writeReceipt(outDir.resolve(file.outputName()), receipt);
                entries.add(new BatchLedger.Entry(fileName, BatchItem.Status.SIGNED, file.outputName(), Documents.sha256Hex(receipt), null));
            } catch (IOException e) {
                entries.add(ErrorFolder.fail(folder, batch, fileName, file.input(), "workflow " + id + " started, but its receipt "
                        + outDir.resolve(file.outputName()) + " could not be written: " + e));
            }
        }
        ledger.recordAll(batch.id(), entries, inLedger);
        int started = (int) entries.stream().filter(entry -> entry.status() == BatchItem.Status.SIGNED).count();
        meters.batchFiles(folder.name(), true, started);
        meters.batchFiles(folder.name(), false, entries.size() - started);
        if (!folder.keepOriginals()) {
            ChunkSigning.removeOriginals(HotFolderNames.child(folder.root(), batch.name()), entries); // each workflow keeps its copy
        }
        if (stop != null) {
            throw stop;
        }
    }

    private static byte[] receipt(String id, HotFolder folder, String fileName, String sha256) {
        return (JSON.createObjectBuilder().add("workflow", id).add("template", folder.workflow()).add("document", fileName)
                .add("sha256", sha256).add("initiator", folder.runAs()).build() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A receipt already there from before a crash is the same receipt; anything else there is not replaced. */
    private static void writeReceipt(Path target, byte[] content) throws IOException {
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(target), content)) {
            return;
        }
        OutputFiles.writeNew(target, content);
    }
}
