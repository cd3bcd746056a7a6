package org.signet.hotfolder;

/**
 * A batch cannot go on at all (its seal cannot sign, its outgoing folder is gone): the job fails, the files not yet
 * done stay where they are, and the batch resumes with them when it is started again.
 */
public class BatchStoppedException extends RuntimeException {

    public BatchStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
