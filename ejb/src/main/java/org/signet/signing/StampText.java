package org.signet.signing;

import org.signet.model.SignetException;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The text lines of a visible stamp, from a template with placeholders: {signer}, {seal}, {date}, {reason},
 * {location}, {contact}, {subject}, {issuer}, {serial}. A line whose placeholders are all empty is left out, so
 * one template serves requests with and without a reason; an unknown placeholder is an error, not literal text.
 */
public final class StampText {

    public static final String DEFAULT_TEMPLATE = """
            Digitally sealed by {signer}
            Date: {date}
            Reason: {reason}
            Location: {location}
            Certificate issued by {issuer}""";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private StampText() { }

    public static String render(String template, String sealName, PdfSignatureFields fields, X509Certificate certificate,
                                Instant signingTime) {
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        String issuer = certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
        Map<String, String> values = Map.of(
                "signer", fields.signerName() != null ? fields.signerName() : commonName(subject),
                "seal", sealName == null ? "" : sealName,
                "date", DATE.format(signingTime),
                "reason", nullToEmpty(fields.reason()),
                "location", nullToEmpty(fields.location()),
                "contact", nullToEmpty(fields.contactInfo()),
                "subject", subject,
                "issuer", commonName(issuer),
                "serial", certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
        List<String> lines = new ArrayList<>();
        for (String line : (template == null ? DEFAULT_TEMPLATE : template).split("\\R")) {
            Matcher m = PLACEHOLDER.matcher(line);
            StringBuilder out = new StringBuilder();
            boolean placeholders = false;
            boolean filled = false;
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new SignetException(SignetException.Kind.INVALID_INPUT, "the stamp text names {"
                            + m.group(1) + "}; known placeholders are " + new TreeSet<>(values.keySet()));
                }
                placeholders = true;
                filled |= !value.isEmpty();
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            if (!placeholders || filled) {
                lines.add(out.toString());
            }
        }
        return String.join("\n", lines).strip();
    }

    /** The CN of a distinguished name, or the whole name when it has none. */
    static String commonName(String distinguishedName) {
        try {
            for (Rdn rdn : new LdapName(distinguishedName).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // fall through: show the name as it is
        }
        return distinguishedName;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
