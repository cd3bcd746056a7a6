package org.signet.hotfolder;

/**
 * What the batch module's watcher does for the services: start, stop and resume the job of a batch. The job and
 * its operator live in the batch module (Jakarta Batch finds a job only in the deployment that defines it); the
 * services reach it through this interface, looked up at {@link #JNDI}.
 */
public interface BatchControl {

    String JNDI = "java:global/signet/signet-batch/HotFolderWatcher!org.signet.hotfolder.BatchControl";

    /**
     * Takes on an approved batch folder and starts its job; returns the batch's id, or null when it cannot be taken
     * on. Every claim goes through the watcher, one at a time, so one folder never becomes two batches.
     */
    String claim(String hotFolder, String batchName);

    /** Starts (or resumes) the batch's job unless one runs. */
    void start(String batchId);

    /** Asks the batch's running job to stop after its current chunk; the batch resumes when started again. */
    void stop(String batchId);
}
