package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.signet.admin.SealAdministration;
import org.signet.hotfolder.HotFolderSpec;
import org.signet.hotfolder.HotFolders;
import org.signet.model.SignetException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * Hot folders and their batches for an admin: the watched roots with their options, a root added (under the base
 * folders the server allows, as everywhere) or removed; the newest batches with their progress and the time still
 * needed, stopped, restarted, and their report downloaded.
 */
@Named
@ViewScoped
public class HotFoldersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient HotFolders hotFolders;
    @EJB
    private transient SealAdministration seals;

    private transient List<HotFolderSpec> folders;
    private transient List<String> sealNames;
    private String name;
    private String root;
    private String out;
    private String error;
    private String format = "PADES";
    private String level;
    private String seal;

    public void load() {
        if (folders == null) {
            try {
                folders = hotFolders.list();
                sealNames = seals.sealNames();
            } catch (SignetException e) {
                Pages.refusal(e);
                folders = List.of();
                sealNames = List.of();
            }
        }
    }

    public List<HotFolderSpec> getFolders() {
        load();
        return folders;
    }

    public List<String> getSealNames() {
        load();
        return sealNames;
    }

    /** The newest 50 batches; a running one with its progress and the time it still needs. */
    public List<HotFolders.BatchProgress> getBatches() {
        try {
            return hotFolders.batches(50).stream().map(b -> hotFolders.progress(b.id())).toList();
        } catch (SignetException e) {
            return List.of();
        }
    }

    public void add() {
        try {
            hotFolders.put(new HotFolderSpec(name, root, out, error, format, level, seal, null, null, null, null, null, null, null,
                    null, null));
            Pages.info(Pages.text(FacesContext.getCurrentInstance(), "hotFolders.added") + ": " + name);
            name = null;
            root = null;
            out = null;
            error = null;
        } catch (SignetException e) {
            Pages.refusal(e);
        } finally {
            folders = null;
        }
    }

    public void remove(String folder) {
        try {
            hotFolders.remove(folder);
        } catch (SignetException e) {
            Pages.refusal(e);
        } finally {
            folders = null;
        }
    }

    public void stop(String batchId) {
        try {
            hotFolders.stop(batchId);
        } catch (SignetException e) {
            Pages.refusal(e);
        }
    }

    public void restart(String batchId) {
        try {
            hotFolders.restart(batchId);
        } catch (SignetException e) {
            Pages.refusal(e);
        }
    }

    public void report(String batchId) {
        FacesContext faces = FacesContext.getCurrentInstance();
        byte[] report;
        try {
            report = hotFolders.result(batchId, "report.csv");
        } catch (SignetException e) {
            Pages.refusal(e);
            return;
        }
        ExternalContext external = faces.getExternalContext();
        external.responseReset();
        external.setResponseContentType("text/csv; charset=UTF-8");
        external.setResponseContentLength(report.length);
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"report-" + batchId.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"");
        try (OutputStream stream = external.getResponseOutputStream()) {
            stream.write(report);
        } catch (IOException e) {
            // the browser went away
        }
        faces.responseComplete();
    }

    public List<String> getFormats() {
        return List.of("PADES", "CADES", "XADES");
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getRoot() { return root; }
    public void setRoot(String root) { this.root = root; }
    public String getOut() { return out; }
    public void setOut(String out) { this.out = out; }
    public String getError() { return error; }
    public void setError(String error) { this.error = error; }
    public String getFormat() { return format; }
    public void setFormat(String format) { this.format = format; }
    public String getLevel() { return level; }
    public void setLevel(String level) { this.level = level; }
    public String getSeal() { return seal; }
    public void setSeal(String seal) { this.seal = seal; }
}
