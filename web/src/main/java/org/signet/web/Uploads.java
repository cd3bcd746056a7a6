package org.signet.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityPart;
import org.signet.config.SignetConfiguration;
import org.signet.document.Documents;
import org.signet.model.SignetException;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Request bodies and multipart parts, read within Signet's document limit. */
@ApplicationScoped
public class Uploads {

    @Inject
    private SignetConfiguration configuration;

    public byte[] read(InputStream body, String what) {
        return Documents.readBounded(body, configuration.maxDocumentBytes(), what);
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
        try {
            return part.get().getContent(String.class);
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "could not read the part '" + name + "'", e);
        }
    }

    public String fileName(List<EntityPart> parts, String name, String fallback) {
        return part(parts, name).flatMap(EntityPart::getFileName).orElse(fallback);
    }
}
