package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.signet.admin.AuditQuery;
import org.signet.audit.AuditEntry;
import org.signet.audit.AuditEvent;
import org.signet.model.SignetException;
import org.signet.trail.AuditTrailCheck;

import java.io.IOException;
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
            try {
                entries = audit.auditTrail(limit, action);
            } catch (SignetException e) {
                Pages.refusal(e);
                entries = List.of();
            }
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
        try {
            check = audit.checkTrail();
        } catch (SignetException e) {
            Pages.refusal(e);
        }
    }

    public void export() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Consumer<OutputStream> trail;
        try {
            trail = audit.exportTrail();
        } catch (SignetException e) {
            Pages.refusal(e);
            return;
        }
        ExternalContext external = faces.getExternalContext();
        external.responseReset();
        external.setResponseContentType("text/csv; charset=UTF-8");
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"signet-audit.csv\"");
        try (OutputStream out = external.getResponseOutputStream()) {
            trail.accept(out);
        } catch (IOException e) {
            // the browser went away; the export is audited all the same
        }
        faces.responseComplete();
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
