package org.signet.client;

import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.SignetFault;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** A command of the admin port (keys, hotfolder, batch): its sub-command is args[1]; a refusal is one line on err. */
abstract class AdminCommand extends Command {

    AdminCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    final int run(String[] args, Map<String, String> o) {
        try {
            return run(args.length < 2 ? "" : args[1], administration(o), o);
        } catch (SignetFault e) {
            return refused(e);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
    }

    abstract int run(String command, Administration admin, Map<String, String> o) throws SignetFault, IOException;
}
