package org.signet.mail;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Mails out through WildFly's mail session {@code java:jboss/mail/signet} (its SMTP server is set in the server
 * configuration). Callers {@link #queue} a mail inside their transaction; every few seconds the outbox sends what has
 * committed, oldest first, and tries a failed one again later, waiting twice as long each time (at most an hour).
 * A crash between sending and recording sends that mail again: at least once, never lost.
 */
@Singleton
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MailOutbox {

    private static final Logger LOG = Logger.getLogger(MailOutbox.class.getName());
    private static final int RUN = 50;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    @Resource(lookup = "java:jboss/mail/signet")
    private Session mailSession;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @Inject
    private SignetConfiguration configuration;

    private final ReentrantLock sending = new ReentrantLock();

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
        em.persist(new OutgoingMail(checkedAddress(recipient), subject, body, attachmentName, attachmentSha256, Instant.now()));
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void onSchedule() {
        if (!sending.tryLock()) {
            return;
        }
        try {
            for (OutgoingMail mail : em.createQuery("SELECT m FROM OutgoingMail m WHERE m.sent IS NULL AND m.nextAttempt <= :now"
                    + " ORDER BY m.id", OutgoingMail.class).setParameter("now", Instant.now()).setMaxResults(RUN).getResultList()) {
                send(mail);
            }
        } finally {
            sending.unlock();
        }
    }

    private void send(OutgoingMail mail) {
        try {
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
            mail.sent(Instant.now());
        } catch (MessagingException | IOException | RuntimeException e) {
            Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(mail.attempts(), 10));
            mail.failed(e.getMessage(), Instant.now().plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait));
            if (mail.attempts() == 1 || mail.attempts() % 10 == 0) {
                LOG.warning("Signet could not send mail " + mail.id() + " (\"" + mail.subject() + "\"), attempt " + mail.attempts()
                        + ", tries again: " + e.getMessage());
            }
        }
    }

    /** Mails not sent yet, for the readiness page and the admin. */
    public long waiting() {
        return em.createQuery("SELECT COUNT(m) FROM OutgoingMail m WHERE m.sent IS NULL", Long.class).getSingleResult();
    }
}
