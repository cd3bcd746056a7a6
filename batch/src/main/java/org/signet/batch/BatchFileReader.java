package org.signet.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.signet.hotfolder.BatchLifecycle;

import java.io.Serializable;
import java.util.Iterator;

/** This partition's share of the batch folder's file names, in order; the checkpoint is the last name handed out. */
@Dependent
@Named("batchFileReader")
public class BatchFileReader extends AbstractItemReader {

    @Inject
    @BatchProperty(name = "batch")
    private String batchId;
    @Inject
    @BatchProperty(name = "partition")
    private String partition;
    @Inject
    @BatchProperty(name = "partitions")
    private String partitions;
    @EJB
    private BatchLifecycle lifecycle;
    @EJB
    private HotFolderWatcher watcher;

    private Iterator<String> names;
    private String last;
    private boolean opened;

    @Override
    public void open(Serializable checkpoint) {
        last = (String) checkpoint;
        int mine = Integer.parseInt(partition);
        int of = Integer.parseInt(partitions);
        names = lifecycle.files(batchId).stream()
                .filter(name -> Math.floorMod(name.hashCode(), of) == mine)
                .filter(name -> last == null || name.compareTo(last) > 0).iterator();
        watcher.partitionOpened(batchId);
        opened = true;
    }

    @Override
    public Object readItem() {
        if (!names.hasNext()) {
            return null;
        }
        last = names.next();
        return last;
    }

    @Override
    public void close() {
        if (opened) {
            opened = false;
            watcher.partitionClosed(batchId);
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
