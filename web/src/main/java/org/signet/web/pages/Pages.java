package org.signet.web.pages;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import org.signet.model.SignetException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every page bean shares: its texts in the browser's language, a service's refusal shown as a message, and a file
 * sent as the answer to a button.
 */
final class Pages {

    private Pages() { }

    static String text(FacesContext faces, String key) {
        return ResourceBundle.getBundle("org.signet.web.pages.Texts", faces.getViewRoot().getLocale()).getString(key);
    }

    /** A button's service call: a refusal shows in the page in the service's words. Whether the call went through. */
    static boolean attempt(Runnable call) {
        try {
            call.run();
            return true;
        } catch (SignetException e) {
            refusal(e);
            return false;
        }
    }

    /** What a service answers for the page, or {@code otherwise} with the refusal shown. */
    static <T> T read(Supplier<T> call, T otherwise) {
        try {
            return call.get();
        } catch (SignetException e) {
            refusal(e);
            return otherwise;
        }
    }

    /** A comma-separated field as its items, blanks dropped (none: an empty list). */
    static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** The refusal's own words (they name the problem, as the API's do), never a stack trace. */
    static void refusal(SignetException e) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
    }

    /** Answers the current postback with a file instead of the page: the browser downloads it. */
    static void download(String contentType, String fileName, byte[] content) {
        download(contentType, fileName, content.length, out -> {
            try {
                out.write(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The same, written by {@code writer} as it streams out ({@code length} -1 when not known before). */
    static void download(String contentType, String fileName, long length, Consumer<OutputStream> writer) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.responseReset();
        external.setResponseContentType(contentType);
        if (length >= 0) {
            external.setResponseHeader("Content-Length", Long.toString(length));
        }
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        try (OutputStream out = external.getResponseOutputStream()) {
            writer.accept(out);
        } catch (IOException | UncheckedIOException e) {
            // the browser went away; what was asked for is audited all the same
        }
        faces.responseComplete();
    }

    /** The refusal of a button pressed before a file was chosen, in the page's words ({@code key}). */
    static void noFile(String key) {
        refusal(new SignetException(SignetException.Kind.INVALID_INPUT, text(FacesContext.getCurrentInstance(), key)));
    }

    static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }
}
