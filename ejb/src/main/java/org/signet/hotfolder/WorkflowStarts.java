package org.signet.hotfolder;

import jakarta.ejb.Local;

/**
 * Workflows started by a hot folder's documents, implemented by the workflow service (which itself files completed
 * documents through this package's folders, hence an interface here rather than a call into it).
 */
@Local
public interface WorkflowStarts {

    /**
     * Starts a workflow from the template for {@code initiator}, under the given id; a workflow of that id that
     * exists already is left as it is (a batch resumed after a crash starts each document once).
     *
     * @return the workflow's id
     */
    String startFor(String initiator, String workflowId, String template, byte[] document, String documentName);

    /** Refuses a template that does not exist or that {@code initiator} may not start. */
    void requireStartable(String initiator, String template);
}
