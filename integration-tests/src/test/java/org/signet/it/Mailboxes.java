package org.signet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mailboxes of the tests' SMTP server (GreenMail, started by use-greenmail.sh), read over its REST API. */
final class Mailboxes {

    private static final URI API = URI.create("http://127.0.0.1:8192/api/");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("https?://[^\\s]+/signet/console/workflow\\.xhtml\\?link=[A-Za-z0-9_-]{43}");

    private Mailboxes() { }

    /** One mail as delivered: its subject and its whole RFC 822 text (headers, parts, attachments). */
    record Mail(String subject, String text) {

        /** The workflow link in the mail (its text part may be quoted-printable). */
        String workflowLink() {
            Matcher m = LINK.matcher(text.replace("=\r\n", "").replace("=3D", "="));
            if (!m.find()) {
                throw new AssertionError("no workflow link in the mail: " + text);
            }
            return m.group();
        }
    }

    static List<Mail> of(String address) {
        try {
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(API.resolve("user/"
                    + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 404 || answer.statusCode() == 400) {
                return List.of(); // no mail for that address yet
            }
            List<Mail> mails = new ArrayList<>();
            for (JsonNode message : JSON.readTree(answer.body())) {
                mails.add(new Mail(message.path("subject").asText(), message.path("mimeMessage").asText()));
            }
            return mails;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the tests' mail server does not answer: " + e, e);
        }
    }

    /** The first mail to the address whose subject starts so, waited for (Signet's outbox sends every few seconds). */
    static Mail await(String address, String subjectStart) throws InterruptedException {
        return await(address, subjectStart, Duration.ofMinutes(1));
    }

    static Mail await(String address, String subjectStart, Duration within) throws InterruptedException {
        for (long i = 0; i < within.toMillis() / 500; i++) {
            for (Mail mail : of(address)) {
                if (mail.subject().startsWith(subjectStart)) {
                    return mail;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no mail \"" + subjectStart + "...\" reached " + address + " within " + within.toSeconds() + " s; it has "
                + of(address).stream().map(Mail::subject).toList());
    }
}
