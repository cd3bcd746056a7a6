package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.primefaces.event.FileUploadEvent;
import org.signet.analysis.PagePreview;
import org.signet.document.Documents;
import org.signet.document.PdfDocuments;
import org.signet.model.SignetException;
import org.signet.seal.SealInfo;
import org.signet.seal.SealService;
import org.signet.signing.SignedDocument;
import org.signet.signing.SigningOptions;
import org.signet.signing.SigningService;

import java.io.Serializable;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

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
    private byte[] content;
    private String fileName;
    private List<String> emptyFields = List.of();
    private String field;
    private transient PagePreview.Picture preview;

    public List<SealInfo> getSeals() {
        if (available == null) {
            available = seals.sealsForCaller();
        }
        return available;
    }

    /** The file arrives as soon as it is chosen; a PDF is shown page by page, for the stamp to be placed on. */
    public void uploaded(FileUploadEvent event) {
        content = event.getFile().getContent();
        fileName = event.getFile().getFileName();
        page = null;
        rect = null;
        field = null;
        preview = null;
        emptyFields = List.of();
        if (PdfDocuments.hasPdfHeader(content)) {
            emptyFields = PdfDocuments.emptySignatureFields(content);
            showPage(1);
        }
    }

    public void pageChosen() {
        rect = null;
        showPage(page == null || page.isBlank() ? 1 : Integer.parseInt(page));
    }

    private void showPage(int number) {
        try {
            preview = previews.render(content, fileName, number);
            page = Integer.toString(number);
        } catch (SignetException e) {
            preview = null;
            Pages.refusal(e);
        }
    }

    /** Signs the upload and sends the result as a download; a refusal stays on the page, in the service's words. */
    public void sign() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (content == null || content.length == 0) {
            Pages.refusal(new SignetException(SignetException.Kind.INVALID_INPUT, Pages.text(faces, "seal.noFile")));
            return;
        }
        String code = oneTimeCode;
        oneTimeCode = null;
        try {
            boolean intoField = field != null && !field.isBlank();
            boolean placed = !intoField && rect != null && !rect.isBlank();
            // an empty signature field brings its own page and rectangle; else the dragged or typed one, if any
            SigningOptions options = new SigningOptions(seal, level, null, null, fileName, null, null, null, null,
                    intoField ? field : null, null, visible || placed || intoField, placed || (visible && !intoField) ? page : null,
                    placed ? rect : null, null, null, null, null, code);
            SignedDocument signed = signing.sign(options.request(Documents.naturalFormat(content, fileName), content));
            send(signed);
        } catch (SignetException e) {
            Pages.refusal(e);
        }
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

    private static void send(SignedDocument signed) {
        Pages.download(signed.mimeType(), signed.fileName(), signed.content());
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
