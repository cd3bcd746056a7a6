package org.signet.outbox;

import jakarta.activation.DataHandler;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.archive.DocumentStore;
import org.signet.config.SignetConfiguration;
import org.signet.model.SignetException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Delivers mails through WildFly's mail session {@code java:jboss/mail/signet} (its SMTP server is set in the server
 * configuration), and callbacks as HTTP POSTs of JSON to the URLs the configuration allows
 * ({@code signet.workflow.callbacks}). Callers {@link #queue} or {@link #callBack} inside their transaction; every few
 * seconds the outbox delivers what has committed, oldest first, and tries a failed one again later, waiting twice as
 * long each time (at most an hour). A crash between delivering and recording delivers again: at least once, never lost.
 */
@Singleton
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    private static final int RUN = 50;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Resource(lookup = "java:jboss/mail/signet")
    private Session mailSession;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @Inject
    private SignetConfiguration configuration;

    /** Delivered mails and callbacks are kept this long (for an admin's questions), then dropped. */
    private static final Duration KEPT = Duration.ofDays(30);

    private final ReentrantLock sending = new ReentrantLock();
    private volatile Instant lastCleanUp = Instant.EPOCH;

    /** An address Signet will mail to: one mailbox, no display tricks, refused naming it otherwise. */
    public static String checkedAddress(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address == null ? "" : address.strip(), true);
            if (parsed.getAddress().indexOf('@') < 1 || parsed.isGroup() || parsed.getPersonal() != null) {
                throw new AddressException("not one plain mailbox");
            }
            return parsed.getAddress().toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + address + "' is no e-mail address (like clerk@example.org)");
        }
    }

    /** Queues a mail in the caller's transaction; the attachment, if any, is a document the store keeps. */
    public void queue(String recipient, String subject, String body, String attachmentName, String attachmentSha256) {
        em.persist(new Delivery(Delivery.Kind.MAIL, checkedAddress(recipient), subject, body, attachmentName, attachmentSha256,
                Instant.now()));
    }

    /** Queues a callback in the caller's transaction: a POST of the JSON to a URL the server configuration allows. */
    public void callBack(URI url, String what, String json) {
        if (!configuration.workflowCallbacks().contains(url)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the server configuration allows no callback to " + url);
        }
        em.persist(new Delivery(Delivery.Kind.CALLBACK, url.toString(), what, json, null, null, Instant.now()));
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void onSchedule() {
        if (!sending.tryLock()) {
            return;
        }
        try {
            Instant now = Instant.now();
            if (lastCleanUp.isBefore(now.minus(Duration.ofHours(1)))) {
                lastCleanUp = now;
                em.createQuery("DELETE FROM Delivery d WHERE d.sent < :cutoff").setParameter("cutoff", now.minus(KEPT)).executeUpdate();
            }
            for (Delivery delivery : em.createQuery("SELECT d FROM Delivery d WHERE d.sent IS NULL AND d.nextAttempt <= :now"
                    + " ORDER BY d.id", Delivery.class).setParameter("now", Instant.now()).setMaxResults(RUN).getResultList()) {
                deliver(delivery);
            }
        } finally {
            sending.unlock();
        }
    }

    private void deliver(Delivery delivery) {
        try {
            if (delivery.kind() == Delivery.Kind.CALLBACK) {
                post(delivery);
            } else {
                send(delivery);
            }
            delivery.sent(Instant.now());
        } catch (MessagingException | IOException | RuntimeException e) {
            Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(delivery.attempts(), 10));
            delivery.failed(e.getMessage(), Instant.now().plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait));
            if (delivery.attempts() == 1 || delivery.attempts() % 10 == 0) {
                LOG.warning("Signet could not deliver " + delivery.kind().name().toLowerCase(Locale.ROOT) + " " + delivery.id()
                        + " (\"" + delivery.subject() + "\"), attempt " + delivery.attempts() + ", tries again: " + e.getMessage());
            }
        }
    }

    /** A callback: the JSON POSTed, answered with a 2xx; no redirect is followed. */
    private void post(Delivery callback) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(callback.recipient())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(callback.body())).build();
        try {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                throw new IOException(callback.recipient() + " answered HTTP " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + callback.recipient(), e);
        }
    }

    private void send(Delivery mail) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(mailSession);
        message.setFrom();
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient()));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        if (mail.attachmentSha256() == null) {
            message.setText(mail.body(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.body(), StandardCharsets.UTF_8.name());
            MimeBodyPart attachment = new MimeBodyPart();
            byte[] content = Files.readAllBytes(new DocumentStore(configuration.archiveStore()).file(mail.attachmentSha256()));
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(content, "application/pdf")));
            attachment.setFileName(mail.attachmentName());
            message.setContent(new MimeMultipart(text, attachment));
        }
        Transport.send(message);
    }
}
