package org.signet.batch;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

import java.util.List;

/** Nothing to write: each file's output and its ledger entry are written while it is processed, in that order. */
@Dependent
@Named("batchResultWriter")
public class BatchResultWriter extends AbstractItemWriter {

    @Override
    public void writeItems(List<Object> results) {
        // see the class comment
    }
}
