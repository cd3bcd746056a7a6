package org.signet.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.signet.hotfolder.BatchLifecycle;

/** The report, the originals, the approval file, and the ready semaphore last. */
@Dependent
@Named("batchCompletion")
public class BatchCompletion extends AbstractBatchlet {

    @Inject
    @BatchProperty(name = "batch")
    private String batchId;
    @EJB
    private BatchLifecycle lifecycle;

    @Override
    public String process() {
        lifecycle.finish(batchId);
        return "COMPLETED";
    }
}
