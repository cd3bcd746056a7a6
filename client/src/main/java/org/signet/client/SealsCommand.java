package org.signet.client;

import org.signet.client.soap.SealDescription;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.SealAccess;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/**
 * {@code signet seals}: the seals the caller may use; {@code signet seals who|authorise|withdraw --seal S} (admin role):
 * who may use a seal and on which conditions, and authorisations given to or taken from a --user, --group or --role.
 */
final class SealsCommand extends Command {

    /** An authorisation given or taken. */
    private interface Change {
        void apply(Administration admin, String seal, String whom) throws org.signet.client.soap.admin.SignetFault;
    }

    /** For --user, --group and --role: how to authorise, and how to withdraw. */
    private static final Map<String, Change[]> WHOM = new LinkedHashMap<>();

    static {
        WHOM.put("user", new Change[] {Administration::authoriseUser, Administration::withdrawUser});
        WHOM.put("group", new Change[] {Administration::authoriseGroup, Administration::withdrawGroup});
        WHOM.put("role", new Change[] {Administration::authoriseRole, Administration::withdrawRole});
    }

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
                    + (seal.getHours() == null ? "" : "  only " + seal.getHours() + " (" + seal.getZone() + ")")
                    + (seal.getTokenScope() == null ? "" : "  needs an OAuth2 token with scope " + seal.getTokenScope())
                    + (seal.isClientCertificateRequired() ? "  needs a client certificate" : ""));
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
                        : given.getClient()) + "  hours " + (given.getHours() == null ? "any" : given.getHours() + " (" + given.getZone() + ")")
                        + "  token scope " + (given.getTokenScope() == null ? "any credentials" : given.getTokenScope())
                        + (given.isClientCertificateRequired() ? "  client certificate required" : ""));
            }
            case "authorise", "withdraw" -> {
                String kind = WHOM.keySet().stream().filter(o::containsKey).findFirst()
                        .orElseThrow(() -> new UsageException("seals " + command + " needs --user U, --group G or --role R"));
                Change[] changes = WHOM.get(kind);
                (command.equals("authorise") ? changes[0] : changes[1]).apply(admin, seal, o.get(kind));
                out.println("seal " + seal + (command.equals("authorise") ? " authorised for " : " withdrawn from ") + kind + " " + o.get(kind));
            }
            default -> throw new UsageException("seals takes: (nothing) | who --seal S | authorise|withdraw --seal S --user U|--group G|--role R");
        }
        return OK;
    }
}
