package org.signet.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.signet.hotfolder.BatchProcessing;

/** Signs one file through the same service as every other face; returns how it ended. */
@Dependent
@Named("batchFileSigner")
public class BatchFileSigner implements ItemProcessor {

    @Inject
    @BatchProperty(name = "batch")
    private String batchId;
    @EJB
    private BatchProcessing processing;

    @Override
    public Object processItem(Object fileName) {
        return processing.process(batchId, (String) fileName);
    }
}
