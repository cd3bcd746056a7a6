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

/**
 * Removes the temporary files of a request's MTOM attachments when its exchange ends. Metro spools an attachment
 * beyond its memory threshold to a file (MIME*.tmp in the server's temporary directory) and deletes it only when the
 * attachment's handler is closed; the operation reads a copy made by JAXB, so without this every large upload, signed
 * or refused, would leave its file behind until the JVM collects it, or for good when the server is killed.
 */
public class SpooledAttachments implements SOAPHandler<SOAPMessageContext> {

    private static final String INBOUND = SpooledAttachments.class.getName() + ".inbound";

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        if (!Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
            // The handlers over the request's parts, not yet read: taking them reads nothing.
            context.put(INBOUND, context.get(MessageContext.INBOUND_MESSAGE_ATTACHMENTS));
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
        if (context.get(INBOUND) instanceof Map<?, ?> attachments) {
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
