package org.signet.ws;

import jakarta.xml.ws.WebFault;
import org.signet.model.SignetException;

import java.util.function.Supplier;

/** The one SOAP fault: {@code code} is the refusal's kind (e.g. NOT_AUTHORISED), the message names the problem. */
@WebFault(name = "SignetFault", targetNamespace = SigningEndpoint.NAMESPACE)
public class SignetFault extends Exception {

    private final SignetFaultInfo faultInfo;

    public SignetFault(String message, SignetFaultInfo faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    static SignetFault of(RuntimeException failure) {
        SignetException refusal = SignetException.from(failure);
        SignetFaultInfo info = new SignetFaultInfo();
        info.code = refusal.kind().name();
        info.message = refusal.getMessage();
        return new SignetFault(refusal.getMessage(), info);
    }

    /** Every operation's one way out: a result, or Signet's refusal as a SOAP fault (never a stack trace). */
    static <T> T answer(Supplier<T> call) throws SignetFault {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw of(e);
        }
    }

    static void answer(Runnable call) throws SignetFault {
        answer(() -> {
            call.run();
            return null;
        });
    }

    public SignetFaultInfo getFaultInfo() {
        return faultInfo;
    }
}
