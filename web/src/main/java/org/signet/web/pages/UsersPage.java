package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.signet.admin.UserAdministration;
import org.signet.security.SecondFactors;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Users, processes and groups for an admin: who exists, with roles, groups and whether an authenticator is set up; a
 * user created or changed (a new process without a password gets one made by Signet, shown once); disabled or enabled
 * from the next request on; a user put into a group or taken out; a group mirroring a group of the organisation's
 * directory, and whether that directory answers.
 */
@Named
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient UserAdministration users;
    @EJB
    private transient SecondFactors secondFactors;

    private transient List<UserAdministration.User> userList;
    private transient List<UserAdministration.Group> groupList;
    private String name;
    private String kind = "PERSON";
    private String email;
    private transient char[] password;
    private List<String> roles = new ArrayList<>(); // Faces fills a list it can make
    private String group;
    private String member;
    private String directoryGroup;
    private transient UserAdministration.Directory directory;

    public void load() {
        if (userList == null) {
            List<UserAdministration.User> read = Pages.read(users::listUsers, null); // one refusal shown, not one for each list
            groupList = read == null ? List.of() : Pages.read(users::listGroups, List.of());
            directory = read == null ? null : Pages.read(users::directory, null);
            userList = read == null ? List.of() : read;
        }
    }

    public List<UserAdministration.User> getUsers() {
        load();
        return userList;
    }

    /** The directory as asked at this page's load (an anonymous bind, at most 3 s); null when refused. */
    public UserAdministration.Directory getDirectory() {
        load();
        return directory;
    }

    /** The chosen group mirrors the directory group typed (a distinguished name), or none when nothing is typed. */
    public void mirror() {
        userList = null;
        if (Pages.attempt(() -> users.putGroup(group, null, null, null, directoryGroup == null ? "" : directoryGroup))) {
            Pages.info(Pages.text(FacesContext.getCurrentInstance(), "users.mirrored") + ": " + group);
            directoryGroup = null;
        }
    }

    public List<UserAdministration.Group> getGroups() {
        load();
        return groupList;
    }

    public void save() {
        char[] typed = password;
        password = null;
        userList = null;
        try {
            String[] made = new String[1]; // the password Signet made for a new process, shown this once
            if (Pages.attempt(() -> made[0] = users.putUser(name, kind, typed == null || typed.length == 0 ? null : typed,
                    new LinkedHashSet<>(roles), email == null || email.isBlank() ? null : email))) {
                Pages.info(Pages.text(FacesContext.getCurrentInstance(), "users.saved") + ": " + name
                        + (made[0] == null ? "" : " — " + made[0]));
                name = null;
            }
        } finally {
            if (typed != null) {
                Arrays.fill(typed, '\0');
            }
        }
    }

    public void setEnabled(String user, boolean enabled) {
        userList = null;
        Pages.attempt(() -> users.setEnabled(user, enabled));
    }

    /** A user's lost authenticator removed; the user signs in with the password alone and enrols again. */
    public void resetAuthenticator(String user) {
        userList = null;
        if (Pages.attempt(() -> secondFactors.reset(user))) {
            Pages.info(user + ": " + Pages.text(FacesContext.getCurrentInstance(), "users.authenticatorReset"));
        }
    }

    public void addMember() {
        userList = null;
        if (Pages.attempt(() -> users.setMember(group, member, true))) {
            member = null;
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
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getPassword() { return null; }
    public void setPassword(String password) { this.password = password == null ? null : password.toCharArray(); }
    public List<String> getRoles() { return roles; }
    public void setRoles(List<String> roles) { this.roles = roles == null ? new ArrayList<>() : roles; }
    public String getGroup() { return group; }
    public void setGroup(String group) { this.group = group; }
    public String getDirectoryGroup() { return directoryGroup; }
    public void setDirectoryGroup(String directoryGroup) { this.directoryGroup = directoryGroup; }
    public String getMember() { return member; }
    public void setMember(String member) { this.member = member; }
}
