package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.signet.admin.AuditQuery;
import org.signet.audit.AuditEntry;
import org.signet.audit.AuditEvent;
import org.signet.trail.AuditTrailCheck;

import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audit trail for admins and auditors: the newest events, of one action if chosen; the whole trail checked against
 * its chain and time-stamped checkpoints; the whole trail exported as CSV.
 */
@Named
@ViewScoped
public class AuditPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient AuditQuery audit;

    private String action;
    private int limit = 100;
    private transient List<AuditEntry> entries;
    private transient AuditTrailCheck.Result check;

    public void load() {
        if (entries == null) {
            entries = Pages.read(() -> audit.auditTrail(limit, action), List.of());
        }
    }

    public List<AuditEntry> getEntries() {
        load();
        return entries;
    }

    public void search() {
        entries = null;
        load();
    }

    public void checkTrail() {
        check = Pages.read(audit::checkTrail, check);
    }

    public void export() {
        Consumer<OutputStream> trail = Pages.read(audit::exportTrail, null);
        if (trail != null) {
            Pages.download("text/csv; charset=UTF-8", "signet-audit.csv", -1, trail);
        }
    }

    public AuditTrailCheck.Result getCheck() {
        return check;
    }

    public List<String> getActions() {
        return Arrays.stream(AuditEvent.Action.values()).map(Enum::name).toList();
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public int getLimit() {
        return limit;
    }

    public void setLimit(int limit) {
        this.limit = limit;
    }
}
