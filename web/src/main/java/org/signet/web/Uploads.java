package org.signet.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.EntityPart;
import org.signet.config.SignetConfiguration;
import org.signet.document.Documents;
import org.signet.document.SpooledDocument;
import org.signet.model.SignetException;
import org.signet.signing.SignRequest;
import org.signet.signing.SigningOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Request bodies and multipart parts, read within Signet's document limit. */
@ApplicationScoped
public class Uploads {

    /** Options, PINs and stamp texts: ample for any of them, and never a way to fill the heap. */
    static final int MAX_TEXT_PART = 64 * 1024;

    @Inject
    private SignetConfiguration configuration;

    public byte[] read(InputStream body, String what) {
        return Documents.readBounded(body, configuration.maxDocumentBytes(), what);
    }

    /** A raw body to sign as a file (CAdES), within the configured limits: streamed when detached, else read whole. */
    public SignRequest fileRequest(SigningOptions options, InputStream body) {
        return options.fileRequest(body, configuration.maxDocumentBytes(), configuration.maxStreamedBytes(), "the document");
    }

    /**
     * The raw body of sign/pdf when it is larger than {@value SignetConfiguration#MAX_DOCUMENT_SIZE}: the request spool
     * holds it ({@link SpooledDocument#REQUEST_ATTRIBUTE}) and the PDF is signed where it waits; otherwise null, and the
     * body is read whole.
     */
    public SpooledDocument largePdf(HttpServletRequest request) {
        return request.getAttribute(SpooledDocument.REQUEST_ATTRIBUTE) instanceof SpooledDocument spooled
                && spooled.length() > configuration.maxDocumentBytes() ? spooled : null;
    }

    public Optional<EntityPart> part(List<EntityPart> parts, String name) {
        return parts == null ? Optional.empty() : parts.stream().filter(p -> name.equals(p.getName())).findFirst();
    }

    public byte[] file(List<EntityPart> parts, String name, String what) {
        EntityPart part = part(parts, name).orElseThrow(() -> new SignetException(SignetException.Kind.INVALID_INPUT,
                "the multipart request has no part named '" + name + "' (" + what + ")"));
        return read(part.getContent(), what);
    }

    public String text(List<EntityPart> parts, String name, String fallback) {
        Optional<EntityPart> part = part(parts, name);
        if (part.isEmpty()) {
            return fallback;
        }
        try (InputStream in = part.get().getContent()) {
            byte[] text = in.readNBytes(MAX_TEXT_PART + 1);
            if (text.length > MAX_TEXT_PART) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "the part '" + name + "' is longer than "
                        + MAX_TEXT_PART + " bytes; only documents, images and signatures may be larger");
            }
            return new String(text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "could not read the part '" + name + "'", e);
        }
    }

    public String fileName(List<EntityPart> parts, String name, String fallback) {
        return part(parts, name).flatMap(EntityPart::getFileName).orElse(fallback);
    }
}
