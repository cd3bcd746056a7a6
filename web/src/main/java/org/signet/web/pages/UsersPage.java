package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.signet.admin.UserAdministration;
import org.signet.model.SignetException;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Users, processes and groups for an admin: who exists, with roles, groups and whether an authenticator is set up; a
 * user created or changed (a new process without a password gets one made by Signet, shown once); disabled or enabled
 * from the next request on; a user put into a group or taken out.
 */
@Named
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient UserAdministration users;

    private transient List<UserAdministration.User> userList;
    private transient List<UserAdministration.Group> groupList;
    private String name;
    private String kind = "PERSON";
    private transient char[] password;
    private List<String> roles = List.of();
    private String group;
    private String member;

    public void load() {
        if (userList == null) {
            try {
                userList = users.listUsers();
                groupList = users.listGroups();
            } catch (SignetException e) {
                Pages.refusal(e);
                userList = List.of();
                groupList = List.of();
            }
        }
    }

    public List<UserAdministration.User> getUsers() {
        load();
        return userList;
    }

    public List<UserAdministration.Group> getGroups() {
        load();
        return groupList;
    }

    public void save() {
        char[] typed = password;
        password = null;
        try {
            String made = users.putUser(name, kind, typed == null || typed.length == 0 ? null : typed, new LinkedHashSet<>(roles));
            Pages.info(Pages.text(FacesContext.getCurrentInstance(), "users.saved") + ": " + name
                    + (made == null ? "" : " — " + made));
            name = null;
        } catch (SignetException e) {
            Pages.refusal(e);
        } finally {
            if (typed != null) {
                Arrays.fill(typed, '\0');
            }
            userList = null;
        }
    }

    public void setEnabled(String user, boolean enabled) {
        try {
            users.setEnabled(user, enabled);
        } catch (SignetException e) {
            Pages.refusal(e);
        } finally {
            userList = null;
        }
    }

    public void addMember() {
        try {
            users.setMember(group, member, true);
            member = null;
        } catch (SignetException e) {
            Pages.refusal(e);
        } finally {
            userList = null;
        }
    }

    public List<String> getKinds() {
        return List.of("PERSON", "PROCESS");
    }

    public List<String> getKnownRoles() {
        return List.of("signer", "admin", "auditor");
    }

    public List<String> getGroupNames() {
        return getGroups().stream().map(UserAdministration.Group::name).toList();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getPassword() { return null; }
    public void setPassword(String password) { this.password = password == null ? null : password.toCharArray(); }
    public List<String> getRoles() { return roles; }
    public void setRoles(List<String> roles) { this.roles = roles == null ? List.of() : roles; }
    public String getGroup() { return group; }
    public void setGroup(String group) { this.group = group; }
    public String getMember() { return member; }
    public void setMember(String member) { this.member = member; }
}
