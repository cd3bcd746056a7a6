package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.primefaces.event.FilesUploadEvent;
import org.primefaces.model.file.UploadedFile;
import org.signet.analysis.PagePreview;
import org.signet.document.Documents;
import org.signet.document.PdfDocuments;
import org.signet.model.SignetException;
import org.signet.seal.SealInfo;
import org.signet.seal.SealService;
import org.signet.signing.SignRequest;
import org.signet.signing.SignedDocument;
import org.signet.signing.SigningOptions;
import org.signet.signing.SigningService;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Upload a file, choose one of the seals the user may use, sign or seal it and take the result home: PAdES inside a
 * PDF (with a visible stamp where the user asks for one), XAdES for XML, a detached CAdES signature for anything else,
 * each at the seal's level unless the user picks one. The signing service decides everything else, as for the API.
 */
@Named
@ViewScoped
public class SealDocument implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient SealService seals;
    @EJB
    private transient SigningService signing;
    @EJB
    private transient PagePreview previews;

    private transient List<SealInfo> available;
    private String seal;
    private String level;
    private boolean visible;
    private String page;
    private String rect;
    private String oneTimeCode;
    private final List<Upload> uploads = new ArrayList<>();
    private String fileName;
    private List<String> emptyFields = List.of();
    private String field;
    private transient PagePreview.Picture preview;
    /** The stamp as it would look in the placed rectangle, as a data URI; null until a rectangle and a seal are chosen. */
    private String stampLook;

    public List<SealInfo> getSeals() {
        if (available == null) {
            available = seals.sealsForCaller();
        }
        return available;
    }

    /**
     * The files arrive as soon as they are chosen, all in one event. One PDF is shown page by page, for the stamp to be
     * placed on or a field chosen; several are signed alike.
     */
    public void uploaded(FilesUploadEvent event) {
        uploads.clear();
        for (UploadedFile file : event.getFiles().getFiles()) {
            uploads.add(new Upload(file.getFileName(), file.getContent()));
        }
        page = null;
        rect = null;
        field = null;
        preview = null;
        stampLook = null;
        emptyFields = List.of();
        if (uploads.isEmpty()) {
            fileName = null;
            return;
        }
        byte[] content = uploads.get(0).content();
        fileName = uploads.size() == 1 ? uploads.get(0).name() : uploads.size() + " " + Pages.text(FacesContext.getCurrentInstance(), "seal.files");
        if (uploads.size() == 1 && PdfDocuments.hasPdfHeader(content)) {
            emptyFields = PdfDocuments.emptySignatureFields(content);
            showPage(1);
        }
    }

    /** One chosen file. */
    private record Upload(String name, byte[] content) implements Serializable { }

    public void pageChosen() {
        rect = null;
        stampLook = null;
        showPage(page == null || page.isBlank() ? 1 : Integer.parseInt(page));
    }

    private void showPage(int number) {
        try {
            preview = previews.render(uploads.get(0).content(), fileName, number);
            page = Integer.toString(number);
        } catch (SignetException e) {
            preview = null;
            Pages.refusal(e);
        }
    }

    /**
     * Draws the stamp for the rectangle just placed (or the seal just chosen), as it will be signed. Without one, or when
     * the seal's certificate cannot be read without a PIN, the page keeps showing the bare rectangle: signing says why.
     */
    public void stampPlaced() {
        stampLook = null;
        if (preview == null || rect == null || rect.isBlank() || seal == null || seal.isBlank()) {
            return;
        }
        try {
            byte[] png = signing.previewStamp(request(uploads.get(0), null));
            stampLook = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        } catch (SignetException e) {
            // the bare rectangle stays; the same reason comes back, in the service's words, when the person signs
        }
    }

    public String getStampLook() {
        return stampLook;
    }

    /**
     * Signs the upload and sends the result as a download, or several uploads into one ZIP (all or none: the first
     * refusal names its file and nothing is sent); a refusal stays on the page, in the service's words.
     */
    public void sign() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (uploads.isEmpty()) {
            Pages.noFile("seal.noFile");
            return;
        }
        String code = oneTimeCode;
        oneTimeCode = null;
        if (uploads.size() == 1) {
            SignedDocument signed = Pages.read(() -> signing.sign(request(uploads.get(0), code)), null);
            if (signed != null) {
                Pages.download(signed.mimeType(), signed.fileName(), signed.content());
            }
            return;
        }
        if (isOneTimeCodeNeeded()) {
            // a code is accepted once: each document of such a seal needs its own
            Pages.refusal(new SignetException(SignetException.Kind.SECOND_FACTOR_REQUIRED, Pages.text(faces, "seal.oneAtATime")));
            return;
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            Set<String> names = new HashSet<>();
            for (Upload upload : uploads) {
                SignedDocument signed;
                try {
                    signed = signing.sign(request(upload, null));
                } catch (SignetException e) {
                    Pages.refusal(new SignetException(e.kind(), upload.name() + ": " + e.getMessage()));
                    return;
                }
                String name = signed.fileName();
                for (int i = 2; !names.add(name); i++) {
                    name = i + "-" + signed.fileName();
                }
                out.putNextEntry(new ZipEntry(name));
                out.write(signed.content());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pages.download("application/zip", "signed.zip", zip.toByteArray());
    }

    /**
     * The request for one upload: into the chosen empty field, or with the stamp where it was dragged or typed, else as
     * the seal signs (several files: the typed page and rectangle, if any, for each PDF).
     */
    private SignRequest request(Upload upload, String code) {
        boolean one = uploads.size() == 1;
        boolean intoField = one && field != null && !field.isBlank();
        boolean placed = !intoField && rect != null && !rect.isBlank();
        boolean pdf = PdfDocuments.hasPdfHeader(upload.content());
        boolean stamped = pdf && (visible || placed || intoField);
        SigningOptions options = new SigningOptions(seal, level, null, null, upload.name(), null, null, null, null,
                intoField ? field : null, null, stamped, stamped && !intoField ? page : null, stamped && placed ? rect : null,
                null, null, null, null, code);
        return options.request(Documents.naturalFormat(upload.content(), upload.name()), upload.content());
    }

    public String getFileName() {
        return fileName;
    }

    /** The PDF's signature fields nobody has signed yet, to sign into instead of placing a stamp. */
    public List<String> getEmptyFields() {
        return emptyFields;
    }

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = field;
    }

    /** The page shown, as a data URI (the page is drawn from the server's answer itself, nothing fetched elsewhere). */
    public String getPreview() {
        return preview == null ? null : "data:image/png;base64," + Base64.getEncoder().encodeToString(preview.png());
    }

    public float getPreviewWidthPoints() {
        return preview == null ? 0 : preview.widthPoints();
    }

    public float getPreviewHeightPoints() {
        return preview == null ? 0 : preview.heightPoints();
    }

    public List<String> getPageNumbers() {
        return preview == null ? List.of() : IntStream.rangeClosed(1, preview.pages()).mapToObj(Integer::toString).toList();
    }

    public boolean isOneTimeCodeNeeded() {
        return getSeals().stream().anyMatch(s -> s.name().equals(seal) && s.requiresOneTimeCode());
    }

    public String getSeal() {
        return seal;
    }

    public void setSeal(String seal) {
        this.seal = seal;
    }

    public String getLevel() {
        return level;
    }

    public void setLevel(String level) {
        this.level = level;
    }

    public boolean isVisible() {
        return visible;
    }

    public void setVisible(boolean visible) {
        this.visible = visible;
    }

    public String getPage() {
        return page;
    }

    public void setPage(String page) {
        this.page = page;
    }

    public String getRect() {
        return rect;
    }

    public void setRect(String rect) {
        this.rect = rect;
    }

    public String getOneTimeCode() {
        return null;
    }

    public void setOneTimeCode(String oneTimeCode) {
        this.oneTimeCode = oneTimeCode;
    }

}
