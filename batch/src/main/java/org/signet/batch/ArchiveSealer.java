package org.signet.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import org.signet.archive.ArchiveSealing;

/** The step of the {@code signet-archive} job: seals what waits, as Signet itself (the audit trail names it). */
@Dependent
@Named("archiveSealer")
public class ArchiveSealer extends AbstractBatchlet {

    @EJB
    private ArchiveSealing sealing;

    @Override
    public String process() {
        ArchiveSealing.Sealed sealed = sealing.seal("signet");
        return sealed.tree() == 0 ? "NOTHING_TO_SEAL" : "SEALED_TREE_" + sealed.tree();
    }
}
