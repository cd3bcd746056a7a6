package org.signet.cxfclient;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.MTOMFeature;
import org.signet.cxfclient.soap.PdfSignRequest;
import org.signet.cxfclient.soap.SignResponse;
import org.signet.cxfclient.soap.Signing;
import org.signet.cxfclient.soap.SigningService;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Signs a PDF with the CXF-generated client: {@code SignPdf WSDL_URL USER PASSWORD IN.pdf OUT.pdf}. The WSDL is
 * loaded from the server at run time too. Any connection to a host other than this machine ends the run with
 * exit code 3, as a network cut off from the internet would.
 */
public final class SignPdf {

    private SignPdf() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: SignPdf WSDL_URL USER PASSWORD IN.pdf OUT.pdf");
            System.exit(2);
        }
        ProxySelector.setDefault(new LoopbackOnly());
        Signing port = new SigningService(new URL(args[0])).getSigningPort(new MTOMFeature(true));
        BindingProvider binding = (BindingProvider) port;
        binding.getRequestContext().put(BindingProvider.USERNAME_PROPERTY, args[1]);
        binding.getRequestContext().put(BindingProvider.PASSWORD_PROPERTY, args[2]);
        binding.getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[0].replaceFirst("\\?wsdl$", ""));

        Path in = Path.of(args[3]);
        PdfSignRequest request = new PdfSignRequest();
        request.setSeal("demo");
        request.setDocument(new DataHandler(new FileDataSource(in.toFile())));
        request.setDocumentName(in.getFileName().toString());
        request.setReason("Apache CXF");
        SignResponse signed = port.signPdf(request);
        try (InputStream content = signed.getDocument().getInputStream(); OutputStream out = Files.newOutputStream(Path.of(args[4]))) {
            content.transferTo(out);
        }
        System.out.println(signed.getFormat() + " " + signed.getLevel() + " " + signed.getFileName());
    }

    /** Every URL the client opens goes through here: loopback passes, anything else ends the run. */
    private static final class LoopbackOnly extends ProxySelector {
        @Override
        public List<Proxy> select(URI uri) {
            try {
                if (uri.getHost() == null || !InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                    refuse(uri);
                }
            } catch (UnknownHostException e) {
                refuse(uri);
            }
            return List.of(Proxy.NO_PROXY);
        }

        private static void refuse(URI uri) {
            System.err.println("the client was made to fetch " + uri);
            System.exit(3);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
        }
    }
}
