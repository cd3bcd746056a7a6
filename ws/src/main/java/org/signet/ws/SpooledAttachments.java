package org.signet.ws;

import jakarta.activation.DataHandler;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;

import javax.xml.namespace.QName;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Removes the temporary files of a request's MTOM attachments when its exchange ends. Metro spools an attachment
 * beyond its memory threshold to a file (MIME*.tmp in the server's temporary directory) and deletes it only when the
 * attachment's handler is closed. The operations read the document once, as it arrives, and spool nothing; an
 * attachment read before it (or never) is spooled, and without this would leave its file behind until the JVM collects
 * it, or for good when the server is killed. The attachments are looked up only when the exchange ends: looking them
 * up on the way in would parse the whole request, spooling the document too.
 */
public class SpooledAttachments implements SOAPHandler<SOAPMessageContext> {

    private static final String INBOUND = SpooledAttachments.class.getName() + ".inbound";

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        if (!Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
            // the request's context, which alone names the request's attachments when the exchange ends
            Supplier<Object> attachments = () -> context.get(MessageContext.INBOUND_MESSAGE_ATTACHMENTS);
            context.put(INBOUND, attachments);
            context.setScope(INBOUND, MessageContext.Scope.HANDLER);
        }
        return true;
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
        return true;
    }

    @Override
    public void close(MessageContext context) {
        if (context.get(INBOUND) instanceof Supplier<?> inbound && inbound.get() instanceof Map<?, ?> attachments) {
            for (Object attachment : attachments.values()) {
                if (attachment instanceof DataHandler && attachment instanceof Closeable spooled) {
                    try {
                        spooled.close();
                    } catch (IOException e) {
                        // the file goes when the JVM collects the attachment
                    }
                }
            }
        }
    }

    @Override
    public Set<QName> getHeaders() {
        return Set.of();
    }
}
