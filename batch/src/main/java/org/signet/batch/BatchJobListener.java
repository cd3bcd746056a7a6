package org.signet.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.signet.hotfolder.BatchLifecycle;

/** A failed job marks its batch failed, with the reason; either way the watcher may take the batch on again. */
@Dependent
@Named("batchJobListener")
public class BatchJobListener extends AbstractJobListener {

    @Inject
    @BatchProperty(name = "batch")
    private String batchId;
    @Inject
    private JobContext job;
    @EJB
    private BatchLifecycle lifecycle;
    @EJB
    private HotFolderWatcher watcher;

    @Override
    public void beforeJob() {
        // Before the partitions list the batch folder: what a crash left half-way from original to output goes back.
        lifecycle.restoreMovedOriginals(batchId);
    }

    @Override
    public void afterJob() {
        // The batch's state is settled before the watcher may take it on again.
        try {
            if (job.getBatchStatus() == BatchStatus.FAILED) {
                Object why = job.getTransientUserData();
                lifecycle.stopped(batchId, why == null ? "the job ended " + job.getBatchStatus() : why.toString());
            } else if (job.getBatchStatus() == BatchStatus.STOPPED && watcher.stopRequested(batchId)) {
                lifecycle.stoppedByOperator(batchId);
            }
            // A job stopped by a server shutdown leaves its batch running: the next start resumes it.
        } finally {
            watcher.ended(batchId);
        }
    }
}
