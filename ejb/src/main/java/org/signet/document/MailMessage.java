package org.signet.document;

import org.signet.model.HashAlgorithm;
import org.signet.model.SignetException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 5322 message as S/MIME (RFC 8551 §3.5.3) seals it: the MIME entity (its Content-* headers and body, in
 * canonical CRLF form and 7-bit) is what the detached CMS signature covers; the other headers (From, To, Subject ...)
 * stay outside, on the multipart/signed message that carries the entity and the signature.
 */
public final class MailMessage {

    private static final int LONGEST_LINE = 998;

    private final List<String> outerHeaders;
    private final byte[] entity;

    private MailMessage(List<String> outerHeaders, byte[] entity) {
        this.outerHeaders = outerHeaders;
        this.entity = entity;
    }

    /** The message, or a refusal naming what makes it no message Signet can seal. */
    public static MailMessage parse(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace('\r', '\n');
        int end = text.indexOf("\n\n");
        if (end < 0) {
            throw invalid("no blank line ends its headers");
        }
        List<String> headers = headers(text.substring(0, end));
        String body = text.substring(end + 2);
        List<String> outer = new ArrayList<>();
        List<String> content = new ArrayList<>();
        for (String header : headers) {
            (name(header).startsWith("content-") ? content : outer).add(header);
        }
        if (outer.stream().noneMatch(h -> name(h).equals("from"))) {
            throw invalid("it has no From header");
        }
        String type = value(content, "content-type");
        String encoding = value(content, "content-transfer-encoding");
        if (type == null) {
            type = "text/plain; charset=us-ascii";
            content.add(0, "Content-Type: " + type);
        }
        if (!sevenBit(body) && !"base64".equalsIgnoreCase(encoding) && !"quoted-printable".equalsIgnoreCase(encoding)) {
            if (type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                throw invalid("a part has 8-bit content or lines over 998 characters; encode its parts quoted-printable or base64");
            }
            // A signed entity must survive 7-bit transports unchanged: its body travels as base64.
            content.removeIf(h -> name(h).equals("content-transfer-encoding"));
            content.add("Content-Transfer-Encoding: base64");
            body = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(body.getBytes(StandardCharsets.ISO_8859_1)) + "\n";
        }
        StringBuilder signed = new StringBuilder();
        content.forEach(h -> signed.append(h).append('\n'));
        signed.append('\n').append(body);
        return new MailMessage(outer, crlf(signed.toString()));
    }

    /** A signed mail's two halves: the MIME entity as signed (CRLF) and its detached CMS signature. */
    public record SignedParts(byte[] entity, byte[] signature) { }

    /**
     * The entity and signature of an S/MIME {@code multipart/signed} message (RFC 8551 §3.5.3), or empty when the
     * message is not one; a message that claims to be one but is broken is refused naming why.
     */
    public static Optional<SignedParts> signedParts(byte[] message) {
        // a PDF or XML of 100 MB is not read as text: the headers of a signed mail name their type within 64 KiB
        String head = new String(message, 0, Math.min(message.length, 1 << 16), StandardCharsets.ISO_8859_1);
        if (!head.toLowerCase(Locale.ROOT).contains("multipart/signed")) {
            return Optional.empty();
        }
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace('\r', '\n');
        int end = text.indexOf("\n\n");
        if (end < 0) {
            return Optional.empty();
        }
        List<String> headers;
        try {
            headers = headers(text.substring(0, end));
        } catch (SignetException e) {
            return Optional.empty();
        }
        String type = value(headers, "content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/signed")) {
            return Optional.empty();
        }
        Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE).matcher(type);
        if (!boundary.find()) {
            throw unreadable("its multipart/signed type names no boundary");
        }
        String delimiter = "\n--" + boundary.group(1);
        String body = "\n" + text.substring(end + 2);
        int first = body.indexOf(delimiter + "\n");
        int second = first < 0 ? -1 : body.indexOf(delimiter + "\n", first + delimiter.length() + 1);
        int close = second < 0 ? -1 : body.indexOf(delimiter + "--", second + delimiter.length() + 1);
        if (first < 0 || second < 0 || close < 0) {
            throw unreadable("its parts are not delimited by its boundary");
        }
        String entity = body.substring(first + delimiter.length() + 1, second);
        String signaturePart = body.substring(second + delimiter.length() + 1, close);
        int blank = signaturePart.indexOf("\n\n");
        if (blank < 0 || !"base64".equalsIgnoreCase(value(headers(signaturePart.substring(0, blank)), "content-transfer-encoding"))) {
            throw unreadable("its signature part is not base64");
        }
        try {
            byte[] signature = Base64.getMimeDecoder().decode(signaturePart.substring(blank + 2).strip());
            return Optional.of(new SignedParts(crlf(entity), signature));
        } catch (IllegalArgumentException e) {
            throw unreadable("its signature part is not base64");
        }
    }

    /** The bytes the signature covers. */
    public byte[] entity() {
        return entity.clone();
    }

    /** The multipart/signed message: the outer headers, the entity as it was signed, and the signature. */
    public byte[] sealed(byte[] signature, HashAlgorithm hash) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String boundary = "signet-" + HexFormat.of().formatHex(random);
        String micalg = hash.standardName().toLowerCase(Locale.ROOT);
        StringBuilder head = new StringBuilder();
        outerHeaders.forEach(h -> head.append(h).append('\n'));
        if (outerHeaders.stream().noneMatch(h -> name(h).equals("mime-version"))) {
            head.append("MIME-Version: 1.0\n");
        }
        head.append("Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=").append(micalg)
                .append(";\n boundary=\"").append(boundary).append("\"\n\n")
                .append("This is an S/MIME signed message.\n\n--").append(boundary).append('\n');
        String tail = "\n--" + boundary + "\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\n"
                + "Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"smime.p7s\"\n\n"
                + Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(signature) + "\n--" + boundary + "--\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(entity.length + signature.length * 2 + 1024);
        out.writeBytes(crlf(head.toString()));
        out.writeBytes(entity);
        out.writeBytes(crlf(tail));
        return out.toByteArray();
    }

    /** Header fields with their folded lines kept, each checked to be "name: value". */
    private static List<String> headers(String block) {
        List<String> fields = new ArrayList<>();
        for (String line : block.split("\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\n" + line);
            } else if (line.matches("[!-9;-~]+:.*")) {
                fields.add(line);
            } else {
                throw invalid("'" + (line.length() > 60 ? line.substring(0, 60) + "..." : line) + "' is not a header field");
            }
        }
        return fields;
    }

    private static String name(String header) {
        return header.substring(0, header.indexOf(':')).strip().toLowerCase(Locale.ROOT);
    }

    private static String value(List<String> headers, String name) {
        return headers.stream().filter(h -> name(h).equals(name)).findFirst()
                .map(h -> h.substring(h.indexOf(':') + 1).replaceAll("\\s+", " ").strip()).orElse(null);
    }

    private static boolean sevenBit(String body) {
        int line = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n') {
                line = 0;
            } else if (c > 127 || c == 0 || ++line > LONGEST_LINE) {
                return false;
            }
        }
        return true;
    }

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static SignetException unreadable(String why) {
        return new SignetException(SignetException.Kind.INVALID_INPUT, "not an S/MIME signed message Signet can read: " + why);
    }

    private static SignetException invalid(String why) {
        return new SignetException(SignetException.Kind.INVALID_INPUT, "not a mail message Signet can seal: " + why);
    }
}
