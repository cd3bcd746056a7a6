package org.signet.batch;

import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.signet.hotfolder.BatchStoppedException;
import org.signet.model.SignetException;

/** Hands a step's failure to the job listener, which records it with the batch. */
@Dependent
@Named("batchStepListener")
public class BatchStepListener extends AbstractStepListener {

    @Inject
    private StepContext step;
    @Inject
    private JobContext job;

    @Override
    public void afterStep() {
        Throwable failure = step.getException();
        // The service's own reason, not the container's wrapping of it.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BatchStoppedException || t instanceof SignetException) {
                failure = t;
                break;
            }
        }
        if (failure != null) {
            job.setTransientUserData(failure.getMessage() == null ? failure.toString() : failure.getMessage());
        }
    }
}
