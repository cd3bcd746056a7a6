package org.signet.client;

import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.DirectoryDescription;
import org.signet.client.soap.admin.PersonalCertificate;
import org.signet.client.soap.admin.SignetFault;
import org.signet.client.soap.admin.UserDescription;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/**
 * {@code signet users list|add|set|disable|enable|delete} (admin role). Passwords come from --password-file or are typed
 * at --ask-password, never from an option value; a new process given neither gets one made by Signet, printed once.
 */
final class UsersCommand extends AdminCommand {

    UsersCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String command, Administration admin, Map<String, String> o) throws SignetFault {
        switch (command) {
            case "directory" -> {
                DirectoryDescription directory = admin.directory();
                if (directory.getUrl() == null) {
                    out.println("no directory (signet.ldap.url is not set)");
                } else {
                    out.println("directory " + directory.getUrl() + "  people under " + directory.getUserBase() + "  "
                            + (directory.isAnswering() ? "answers" : "does not answer") + (directory.getProblem() == null ? "" : ": " + directory.getProblem()));
                }
                out.println(directory.getPeople() + " people entered from it, " + directory.getMirroringGroups() + " groups mirror its groups");
            }
            case "list" -> {
                for (UserDescription user : admin.listUsers()) {
                    out.println(user.getName() + "  " + user.getKind() + (user.isDirectory() ? "  from the directory" : "")
                            + (user.getFullName() == null ? "" : "  full name \"" + user.getFullName() + "\"")
                            + (user.isEnabled() ? "" : "  DISABLED")
                            + "  roles " + user.getRole() + "  groups " + user.getGroup()
                            + (user.isAuthenticator() ? "  authenticator" : "")
                            + (user.getClientCertificate() == null ? "" : "  client certificate SHA-256 " + user.getClientCertificate())
                            + (user.getClientCertificateSubject() == null ? "" : "  client certificates of " + user.getClientCertificateSubject())
                            + (user.getEmail() == null ? "" : "  e-mail " + user.getEmail()));
                }
            }
            case "add", "set" -> {
                String name = required(o, "name");
                char[] password = secret(o, "password-file", "ask-password", "password for " + name);
                try {
                    String made = admin.putUser(name, password == null ? null : new String(password), names(o.get("roles")), o.get("kind"),
                            o.containsKey("roles"), o.get("email"));
                    out.println(made == null ? "user " + name + " saved"
                            : "process " + name + " created; its password, shown this once: " + made);
                } finally {
                    if (password != null) {
                        Arrays.fill(password, '\0');
                    }
                }
            }
            case "disable", "enable" -> {
                admin.setUserEnabled(required(o, "name"), command.equals("enable"));
                out.println("user " + o.get("name") + " " + command + "d");
            }
            case "certify" -> {
                PersonalCertificate issued = admin.issuePersonalCertificate(required(o, "name"), o.get("subject"));
                out.println("personal certificate " + issued.getSerialNumber() + " for " + issued.getOwner() + ": " + issued.getSubject()
                        + ", valid to " + issued.getValidTo() + "; it signs with --seal " + issued.getSeal());
            }
            case "client-certificate" -> {
                String name = required(o, "name");
                if (o.containsKey("none")) {
                    admin.setClientCertificate(name, null, false);
                    out.println("user " + name + " logs in with no client certificate");
                } else {
                    byte[] certificate;
                    try {
                        certificate = Files.readAllBytes(input(o.get("in")));
                    } catch (IOException e) {
                        throw new UsageException("cannot read " + o.get("in") + ": " + e.getMessage());
                    }
                    if (o.containsKey("by-subject")) {
                        out.println("user " + name + " logs in with every client certificate of " + admin.setClientCertificate(name, certificate, true));
                    } else {
                        out.println("user " + name + " logs in with the client certificate SHA-256 " + admin.setClientCertificate(name, certificate, false));
                    }
                }
            }
            case "delete" -> {
                admin.deleteUser(required(o, "name"));
                out.println("user " + o.get("name") + " deleted (its audit events stay)");
            }
            default -> throw new UsageException("users takes: list | directory | add|set --name N [--kind person|process] [--roles a,b]"
                    + " [--password-file F | --ask-password] | disable|enable|delete --name N | certify --name N [--subject DN]"
                    + " | client-certificate --name N --in CERT.pem [--by-subject] | client-certificate --name N --none");
        }
        return OK;
    }

    /** "signer,admin" as a list; none given: an empty one, which leaves an existing user's or group's as they are. */
    static List<String> names(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList();
    }
}
