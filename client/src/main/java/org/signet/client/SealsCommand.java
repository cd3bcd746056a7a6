package org.signet.client;

import org.signet.client.soap.SealDescription;
import org.signet.client.soap.SignetFault;

import java.io.PrintStream;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/** {@code signet seals}: the seals the caller may use. */
final class SealsCommand extends Command {

    SealsCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String[] args, Map<String, String> o) throws SignetFault {
        for (SealDescription seal : connect(o).listSeals()) {
            out.println(seal.getName() + "  " + seal.getFormat() + " up to " + seal.getMaxLevel() + "  " + seal.getCertificateSubject()
                    + "  valid to " + seal.getValidTo() + (seal.isArchived() ? "" : "  not archived"));
        }
        return OK;
    }
}
