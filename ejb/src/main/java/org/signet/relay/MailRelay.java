package org.signet.relay;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.signet.config.SignetConfiguration;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;
import org.signet.security.ClientAddress;
import org.signet.signing.PdfSignatureFields;
import org.signet.signing.SignRequest;
import org.signet.signing.SignedDocument;
import org.signet.signing.SigningService;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.evidence.PasswordGuessEvidence;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SMTP relay (the invoicing case): an internal mail system hands Signet a mail over SMTP, logged in as a Signet user
 * (a process, typically), and Signet seals it with S/MIME under the relay's seal, for that user, exactly as
 * {@code POST /sign/mail} would (the seal's authorisations and conditions, the audit trail, the archive), then passes it
 * on through WildFly's mail session to the recipients the client named. The client hears 250 only once the sealed mail
 * is handed on; until then its own queue keeps the mail (4xx: try again later; 5xx: it will never be sealed).
 */
@Singleton
@Startup
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class.getName());
    /** RFC 5321 §4.5.3.2.7: a server waits five minutes for the next command. */
    private static final int IDLE_MILLIS = 300_000;
    private static final String HOST = "signet";

    @Resource
    private ManagedThreadFactory threads;
    @Resource(lookup = "java:jboss/mail/signet")
    private Session mail;
    @EJB
    private SigningService signing;
    @Inject
    private SignetConfiguration configuration;

    private MailRelaySettings settings;
    private SecurityDomain domain;
    private ServerSocket server;
    private Semaphore sessions;

    @PostConstruct
    void start() {
        settings = MailRelaySettings.read(System::getProperty, configuration.maxDocumentBytes());
        if (settings == null) {
            return;
        }
        domain = SecurityDomain.getCurrent();
        if (domain == null) {
            throw new IllegalStateException("the mail relay finds no security domain to log its clients in with");
        }
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(settings.address(), settings.port()), 50);
        } catch (IOException e) {
            throw new IllegalStateException("the mail relay cannot listen on " + settings.address().getHostAddress() + ":"
                    + settings.port() + " (" + MailRelaySettings.ADDRESS + ", " + MailRelaySettings.PORT + "): " + e.getMessage(), e);
        }
        sessions = new Semaphore(settings.maxSessions());
        threads.newThread(this::accept).start();
        LOG.info("Signet's mail relay listens on " + settings.address().getHostAddress() + ":" + settings.port() + ", sealing with seal '"
                + settings.seal() + "'");
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the mail relay's socket", e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!server.isClosed() && !Thread.currentThread().isInterrupted()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(Level.WARNING, "the mail relay could not take a connection", e);
                    pause(); // a failure that lasts (no file descriptors left) must not spin a core and flood the log
                }
                continue;
            }
            if (!sessions.tryAcquire()) {
                busy(client);
                continue;
            }
            try {
                threads.newThread(() -> {
                    try {
                        serve(client);
                    } finally {
                        sessions.release();
                    }
                }).start();
            } catch (RuntimeException e) {
                sessions.release();
                busy(client);
            }
        }
    }

    /** RFC 5321 §3.8: a server that cannot take a client now says so with 421, and the client comes back. */
    private static void busy(Socket client) {
        try (client; OutputStream out = client.getOutputStream()) {
            out.write("421 4.3.2 too many clients at once; try again later\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.log(Level.FINE, "telling a client the relay is busy", e);
        }
    }

    private void serve(Socket client) {
        String address = client.getInetAddress().getHostAddress();
        try (client) {
            client.setSoTimeout(IDLE_MILLIS);
            boolean logIn = settings.plainAnywhere() || client.getInetAddress().isLoopbackAddress();
            new SmtpSession<>(new BufferedInputStream(client.getInputStream()), new BufferedOutputStream(client.getOutputStream()), HOST,
                    logIn, settings.maxMessageBytes(), new SmtpSession.Relay<SecurityIdentity>() {
                        @Override
                        public SecurityIdentity logIn(String name, char[] password) {
                            return loggedIn(name, password);
                        }

                        @Override
                        public SmtpSession.Reply deliver(SecurityIdentity who, String from, List<String> to, byte[] message) {
                            return sealAndPassOn(who, address, from, to, message);
                        }
                    }).serve();
        } catch (IOException e) {
            LOG.log(Level.FINE, "a mail relay client from " + address + " went away", e);
        }
    }

    /** Through Signet's realm, as a login over HTTP: the same passwords, lock-outs and disabled users. */
    private SecurityIdentity loggedIn(String name, char[] password) {
        PasswordGuessEvidence evidence = new PasswordGuessEvidence(password.clone());
        try {
            return domain.authenticate(name, evidence);
        } catch (SecurityException | RealmUnavailableException e) {
            return null;
        } finally {
            evidence.destroy();
        }
    }

    private SmtpSession.Reply sealAndPassOn(SecurityIdentity who, String address, String from, List<String> to, byte[] message) {
        SignRequest request = new SignRequest(settings.seal(), SignatureFormat.CADES, SignatureLevel.parse(settings.level()), null, null,
                message, "mail from " + from + ".eml", PdfSignatureFields.NONE);
        SignedDocument sealed;
        ClientAddress.set(address); // the seal's conditions on where requests come from apply to relay clients too
        try {
            sealed = who.runAsFunction((sealing, given) -> sealing.signMail(given), signing, request);
        } catch (SignetException e) {
            return refusal(e);
        } finally {
            ClientAddress.clear();
        }
        try {
            SMTPMessage out = new SMTPMessage(mail, new ByteArrayInputStream(sealed.content()));
            out.setEnvelopeFrom(from.isEmpty() ? "<>" : from); // bounces go back where the client said, as from any relay
            InternetAddress[] recipients = new InternetAddress[to.size()];
            for (int i = 0; i < to.size(); i++) {
                recipients[i] = new InternetAddress(to.get(i), true);
            }
            // sendMessage, not Transport.send: that would save changes and re-encode the signed entity
            try (Transport transport = mail.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(out, recipients);
            }
        } catch (MessagingException e) {
            LOG.log(Level.WARNING, "a sealed mail could not be passed on", e);
            return new SmtpSession.Reply(451, "4.4.1 sealed, but the mail server did not take it (" + e.getMessage()
                    + "); try again later");
        }
        return new SmtpSession.Reply(250, "2.0.0 sealed with seal '" + sealed.sealName() + "' and passed on");
    }

    /** A refusal in SMTP's words: 4xx for what may pass later (a key, the server), 5xx for what will not. */
    static SmtpSession.Reply refusal(SignetException e) {
        int status = e.kind().httpStatus();
        String reason = e.getMessage().replaceAll("[\\r\\n]+", " ");
        if (status >= 500) {
            return new SmtpSession.Reply(451, "4.3.0 " + reason);
        }
        if (e.kind() == SignetException.Kind.DOCUMENT_TOO_LARGE) {
            return new SmtpSession.Reply(552, "5.3.4 " + reason);
        }
        if (e.kind() == SignetException.Kind.INVALID_INPUT) {
            return new SmtpSession.Reply(554, "5.6.0 " + reason);
        }
        return new SmtpSession.Reply(550, "5.7.1 " + reason);
    }
}
