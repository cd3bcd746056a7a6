package org.signet.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.signet.hotfolder.BatchLifecycle;
import org.signet.hotfolder.ChunkSigning;

import java.io.Serializable;
import java.util.List;

/**
 * Signs a chunk of file names through the same service as every other face. The whole chunk goes in one call so
 * that its signatures, outputs and ledger entries share their commits and disk flushes.
 */
@Dependent
@Named("batchChunkSigner")
public class BatchChunkSigner extends AbstractItemWriter {

    @Inject
    @BatchProperty(name = "batch")
    private String batchId;
    @EJB
    private BatchLifecycle lifecycle;
    @EJB
    private ChunkSigning signing;

    /** Asked once per partition: only a batch that an earlier job began has ledger entries to look up. */
    private boolean resumed;

    @Override
    public void open(Serializable checkpoint) {
        resumed = lifecycle.resumes(batchId);
    }

    @Override
    public void writeItems(List<Object> fileNames) {
        signing.processChunk(batchId, fileNames.stream().map(String.class::cast).toList(), resumed);
    }
}
