package org.signet.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import org.signet.archive.ArchiveSealing;

/**
 * The step of the {@code signet-archive} job: seals what waits, renews the hash trees of evidence in a hash configured
 * as weak ({@code signet.archive.weak-hash-algorithms}), then the time stamps of chains whose last one's certificate
 * expires within {@code signet.archive.renew-days-before}, as Signet itself (the audit trail names it).
 */
@Dependent
@Named("archiveSealer")
public class ArchiveSealer extends AbstractBatchlet {

    @EJB
    private ArchiveSealing sealing;


    @Override
    public String process() {
        ArchiveSealing.Sealed sealed = sealing.seal("signet");
        ArchiveSealing.HashesRenewed rehashed = sealing.renewWeakHashes("signet");
        int renewed = sealing.renew("signet", null);
        return (sealed.tree() == 0 ? "NOTHING_TO_SEAL" : "SEALED_TREE_" + sealed.tree())
                + (rehashed == null ? "" : "_REHASHED_" + rehashed.entries()) + "_RENEWED_" + renewed;
    }
}
