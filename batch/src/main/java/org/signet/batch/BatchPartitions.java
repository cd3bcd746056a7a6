package org.signet.batch;

import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.signet.config.SignetConfiguration;

import java.util.Properties;

/**
 * Splits a batch over {@code signet.hotfolder.workers} threads (default 2, at most 16): each partition signs the
 * files whose name hashes to it. Signing is CPU-bound, so more workers than cores buy nothing.
 */
@Dependent
@Named("batchPartitions")
public class BatchPartitions implements PartitionMapper {

    @Inject
    private SignetConfiguration configuration;

    @Override
    public PartitionPlan mapPartitions() {
        int workers = configuration.hotFolderWorkers();
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(workers);
        plan.setThreads(workers);
        Properties[] properties = new Properties[workers];
        for (int i = 0; i < workers; i++) {
            properties[i] = new Properties();
            properties[i].setProperty("partition", String.valueOf(i));
            properties[i].setProperty("partitions", String.valueOf(workers));
        }
        plan.setPartitionProperties(properties);
        return plan;
    }
}
