package org.signet.web.pages;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.signet.model.SignetException;

import java.util.ResourceBundle;

/** What every page bean shares: its texts in the browser's language, and a service's refusal shown as a message. */
final class Pages {

    private Pages() { }

    static String text(FacesContext faces, String key) {
        return ResourceBundle.getBundle("org.signet.web.pages.Texts", faces.getViewRoot().getLocale()).getString(key);
    }

    /** The refusal's own words (they name the problem, as the API's do), never a stack trace. */
    static void refusal(SignetException e) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
    }

    static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }
}
