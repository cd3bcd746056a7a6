package org.signet.client;

import org.signet.client.soap.SealDescription;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.SealAccess;

import java.io.PrintStream;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/**
 * {@code signet seals}: the seals the caller may use; {@code signet seals who|authorise|withdraw --seal S} (admin role):
 * who may use a seal and on which conditions, and authorisations given to or taken from a --user, --group or --role.
 */
final class SealsCommand extends Command {

    SealsCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String[] args, Map<String, String> o) throws SignetFault {
        if (args.length > 1 && !args[1].startsWith("--")) {
            return new AdminCommand(out, err, env) {
                @Override
                int run(String command, Administration admin, Map<String, String> options)
                        throws org.signet.client.soap.admin.SignetFault {
                    return administer(command, admin, options);
                }
            }.run(args, o);
        }
        for (SealDescription seal : connect(o).listSeals()) {
            out.println(seal.getName() + "  " + seal.getFormat() + " up to " + seal.getMaxLevel() + "  " + seal.getCertificateSubject()
                    + "  valid to " + seal.getValidTo() + (seal.isArchived() ? "" : "  not archived")
                    + ("totp".equals(seal.getSecondFactor()) ? "  needs --otp" : "")
                    + (seal.getClient().isEmpty() ? "" : "  only from " + String.join(", ", seal.getClient()))
                    + (seal.getHours() == null ? "" : "  only " + seal.getHours() + " (" + seal.getZone() + ")"));
        }
        return OK;
    }

    private int administer(String command, Administration admin, Map<String, String> o) throws org.signet.client.soap.admin.SignetFault {
        String seal = required(o, "seal");
        switch (command) {
            case "who" -> {
                SealAccess given = admin.sealAuthorisations(seal);
                out.println("seal " + given.getSeal() + "  users " + given.getUser() + "  groups " + given.getGroup() + "  roles "
                        + given.getRole());
                out.println("  second factor " + given.getSecondFactor() + "  computers " + (given.getClient().isEmpty() ? "any"
                        : given.getClient()) + "  hours " + (given.getHours() == null ? "any" : given.getHours() + " (" + given.getZone() + ")"));
            }
            case "authorise", "withdraw" -> {
                boolean authorise = command.equals("authorise");
                String whom;
                if (o.containsKey("user")) {
                    whom = "user " + o.get("user");
                    if (authorise) {
                        admin.authoriseUser(seal, o.get("user"));
                    } else {
                        admin.withdrawUser(seal, o.get("user"));
                    }
                } else if (o.containsKey("group")) {
                    whom = "group " + o.get("group");
                    if (authorise) {
                        admin.authoriseGroup(seal, o.get("group"));
                    } else {
                        admin.withdrawGroup(seal, o.get("group"));
                    }
                } else if (o.containsKey("role")) {
                    whom = "role " + o.get("role");
                    if (authorise) {
                        admin.authoriseRole(seal, o.get("role"));
                    } else {
                        admin.withdrawRole(seal, o.get("role"));
                    }
                } else {
                    throw new UsageException("seals " + command + " needs --user U, --group G or --role R");
                }
                out.println("seal " + seal + (authorise ? " authorised for " : " withdrawn from ") + whom);
            }
            default -> throw new UsageException("seals takes: (nothing) | who --seal S | authorise|withdraw --seal S --user U|--group G|--role R");
        }
        return OK;
    }
}
