package org.signet.security;

import jakarta.persistence.Cacheable;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Users (people and processes) under one name, so that a seal is authorised, or a role given, once for all of them.
 * Its roles are its members' roles as long as they belong to it: Signet's Elytron realm reads SIGNET_GROUP_MEMBER and
 * SIGNET_GROUP_ROLE with plain SQL (keep the names in step with its JdbcUserStore). A group can mirror a group of the
 * organisation's directory: the realm then sets a directory person's membership at each of its logins, which is why
 * groups (and users, which it enters) are not kept in the shared cache.
 */
@Entity
@Table(name = "SIGNET_GROUP")
@Cacheable(false)
public class SignetGroup {

    @Id
    @Column(name = "NAME", length = 128)
    private String name;

    @Column(name = "DESCRIPTION", length = 255)
    private String description;

    /** The distinguished name of the directory group this group mirrors, or null. */
    @Column(name = "DIRECTORY_GROUP", length = 1024)
    private String directoryGroup;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "SIGNET_GROUP_MEMBER", joinColumns = @JoinColumn(name = "GROUP_NAME"))
    @Column(name = "MEMBER_NAME", length = 128)
    private Set<String> members = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "SIGNET_GROUP_ROLE", joinColumns = @JoinColumn(name = "GROUP_NAME"))
    @Column(name = "ROLE_NAME", length = 64)
    private Set<String> roles = new HashSet<>();

    /** The names of the groups the user belongs to. */
    public static List<String> namesOf(EntityManager em, String user) {
        return em.createQuery("SELECT g.name FROM SignetGroup g JOIN g.members m WHERE m = :user", String.class)
                .setParameter("user", user).getResultList();
    }

    protected SignetGroup() { }

    public SignetGroup(String name) {
        this.name = name;
    }

    public String name() { return name; }

    public String description() { return description; }

    public Set<String> members() { return Set.copyOf(members); }

    public Set<String> roles() { return Set.copyOf(roles); }

    public String directoryGroup() { return directoryGroup; }

    public void describe(String description) { this.description = description; }

    public void mirror(String directoryGroup) { this.directoryGroup = directoryGroup; }

    public void replaceMembers(Set<String> members) { this.members = new HashSet<>(members); }

    public void replaceRoles(Set<String> roles) { this.roles = new HashSet<>(roles); }

    public boolean add(String member) { return members.add(member); }

    public boolean remove(String member) { return members.remove(member); }
}
