package org.signet.client;

import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.GroupDescription;
import org.signet.client.soap.admin.SignetFault;

import java.io.PrintStream;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/** {@code signet groups list|put|delete|add-member|remove-member} (admin role). */
final class GroupsCommand extends AdminCommand {

    GroupsCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String command, Administration admin, Map<String, String> o) throws SignetFault {
        switch (command) {
            case "list" -> {
                for (GroupDescription group : admin.listGroups()) {
                    out.println(group.getName() + "  members " + group.getMember() + "  roles " + group.getRole()
                            + (group.getDirectoryGroup() == null ? "" : "  mirrors " + group.getDirectoryGroup())
                            + (group.getDescription() == null ? "" : "  " + group.getDescription()));
                }
            }
            case "put" -> {
                GroupDescription group = new GroupDescription();
                group.setName(required(o, "name"));
                group.setDescription(o.get("description"));
                group.setDirectoryGroup(o.get("directory-group"));
                group.getMember().addAll(UsersCommand.names(o.get("members")));
                group.getRole().addAll(UsersCommand.names(o.get("roles")));
                admin.putGroup(group);
                out.println("group " + group.getName() + " saved");
            }
            case "delete" -> {
                admin.deleteGroup(required(o, "name"));
                out.println("group " + o.get("name") + " deleted (its members stay)");
            }
            case "add-member" -> {
                admin.addGroupMember(required(o, "name"), required(o, "user"));
                out.println(o.get("user") + " added to group " + o.get("name"));
            }
            case "remove-member" -> {
                admin.removeGroupMember(required(o, "name"), required(o, "user"));
                out.println(o.get("user") + " removed from group " + o.get("name"));
            }
            default -> throw new UsageException("groups takes: list | put --name G [--members a,b] [--roles r] [--description D] [--directory-group DN]"
                    + " | delete --name G | add-member|remove-member --name G --user U");
        }
        return OK;
    }
}
