package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.signet.admin.SealAdministration;
import org.signet.hotfolder.HotFolderSpec;
import org.signet.hotfolder.HotFolders;

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
    private transient List<HotFolders.BatchProgress> batches;
    private String name;
    private String root;
    private String out;
    private String error;
    private String format = "PADES";
    private String level;
    private String seal;
    private String workflow;

    public void load() {
        if (folders == null) {
            List<HotFolderSpec> read = Pages.read(hotFolders::list, null); // one refusal shown, not one for each list
            sealNames = read == null ? List.of() : Pages.read(seals::sealNames, List.of());
            folders = read == null ? List.of() : read;
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

    /** The newest 50 batches, each with its progress and the time it still needs; read again with each poll. */
    public List<HotFolders.BatchProgress> getBatches() {
        if (batches == null) {
            batches = Pages.read(() -> hotFolders.batches(50).stream().map(b -> hotFolders.progress(b.id())).toList(), List.of());
        }
        return batches;
    }

    public void refreshBatches() {
        batches = null;
    }

    public void add() {
        folders = null;
        // a root with a template starts workflows and signs nothing: the seal, format and level shown are not its
        boolean startsWorkflows = workflow != null && !workflow.isBlank();
        if (Pages.attempt(() -> hotFolders.put(startsWorkflows
                ? new HotFolderSpec(name, root, out, error, null, null, null, null, null, null, null, null, null, null, null, null, workflow)
                : new HotFolderSpec(name, root, out, error, format, level, seal, null, null, null, null, null, null, null, null, null, null)))) {
            Pages.info(Pages.text(FacesContext.getCurrentInstance(), "hotFolders.added") + ": " + name);
            name = null;
            root = null;
            out = null;
            error = null;
        }
    }

    public void remove(String folder) {
        folders = null;
        Pages.attempt(() -> hotFolders.remove(folder));
    }

    public void stop(String batchId) {
        batches = null;
        Pages.attempt(() -> hotFolders.stop(batchId));
    }

    public void restart(String batchId) {
        batches = null;
        Pages.attempt(() -> hotFolders.restart(batchId));
    }

    public void report(String batchId) {
        byte[] report = Pages.read(() -> hotFolders.result(batchId, "report.csv"), null);
        if (report != null) {
            Pages.download("text/csv; charset=UTF-8", "report-" + batchId + ".csv", report);
        }
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
    public String getWorkflow() { return workflow; }
    public void setWorkflow(String workflow) { this.workflow = workflow; }
}
