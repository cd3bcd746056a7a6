package org.signet.intake;

import org.signet.config.SignetConfiguration;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Watches a multipart/related body (SOAP with MTOM) as it streams past and tells when its root part grows beyond a
 * limit. The attachments of such a body may be as large as a streamed document: Metro spools them to disk. The root
 * part (the envelope) is parsed, and a document sent inline in base64 there would be held in the heap; it stays
 * within the request limit. The root is the part the {@code start} parameter names (RFC 2387), else the first, as
 * Metro takes it; to be safe both are held to the limit. Nothing is buffered but a part's headers.
 */
final class RootPartBound {

    /** Part headers longer than this are not headers a SOAP stack writes. */
    static final int MAX_HEADERS = 16 * 1024;

    private final byte[] delimiter;
    private final int[] fallback;
    private final long limit;
    private int matched;
    private boolean inHeaders;
    private final StringBuilder headers = new StringBuilder();
    private final String start;
    private int parts;
    private boolean bounded;
    private long partBytes;

    /**
     * @param contentType the request's multipart/related Content-Type, with a boundary (see {@link #boundary})
     * @param limit       the most bytes the root part may hold
     */
    RootPartBound(String contentType, long limit) {
        String boundary = parameter(contentType, "boundary");
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.fallback = fallbacks(delimiter);
        this.limit = limit;
        // the body may begin with the delimiter itself, without the line break before it
        this.matched = 2;
        this.start = parameter(contentType, "start");
        // the preamble before the first delimiter is not a part, but neither may it be large
        this.bounded = true;
    }

    /** The boundary of a multipart Content-Type, or null when it names none or one RFC 2046 does not allow. */
    static String boundary(String contentType) {
        String boundary = parameter(contentType, "boundary");
        return boundary == null || boundary.isEmpty() || boundary.length() > 70 ? null : boundary;
    }

    private static String parameter(String contentType, String name) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
                String value = p.substring(name.length() + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    /** Reads the next bytes of the body; answers the reason to stop reading it, or null. */
    String update(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (inHeaders) {
                headers.append((char) (b & 0xff));
                if (headers.length() > MAX_HEADERS) {
                    return "the headers of a part of the multipart body are longer than " + MAX_HEADERS + " bytes";
                }
                if (endsWithBlankLine(headers)) {
                    inHeaders = false;
                    bounded = parts++ == 0 || isStart(headers.toString());
                    partBytes = 0;
                }
                continue;
            }
            while (matched > 0 && delimiter[matched] != b) {
                matched = fallback[matched - 1];
            }
            if (delimiter[matched] == b) {
                matched++;
            }
            if (matched == delimiter.length) {
                matched = 0;
                inHeaders = true;
                headers.setLength(0);
                continue;
            }
            if (bounded && ++partBytes > limit) {
                return "the SOAP envelope is larger than the limit of " + limit + " bytes (" + SignetConfiguration.MAX_REQUEST_SIZE
                        + "); a large document goes in an MTOM attachment, not inline";
            }
        }
        return null;
    }

    private static boolean endsWithBlankLine(StringBuilder text) {
        int n = text.length();
        return n >= 4 && text.charAt(n - 4) == '\r' && text.charAt(n - 3) == '\n' && text.charAt(n - 2) == '\r'
                && text.charAt(n - 1) == '\n';
    }

    /** Whether a part's headers give it the Content-ID the body's start parameter names. */
    private boolean isStart(String headers) {
        if (start == null) {
            return false;
        }
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-id:") && line.substring("content-id:".length()).strip().equals(start)) {
                return true;
            }
        }
        return false;
    }

    /** Knuth-Morris-Pratt: how much of the delimiter still matches after a mismatch following {@code i + 1} matched bytes. */
    private static int[] fallbacks(byte[] pattern) {
        int[] table = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = table[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            table[i] = k;
        }
        return table;
    }
}
