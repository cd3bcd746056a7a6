package org.signet.signing;

import org.signet.SignetException;

import java.nio.charset.StandardCharsets;

/** Cheap structural checks on PDF input, made before any parser sees it. */
final class PdfDocuments {

    private static final byte[] HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    /** ISO 32000 lets readers look for the header in the first 1024 bytes and for %%EOF in the last 1024. */
    private static final int WINDOW = 1024;

    private PdfDocuments() { }

    static void requireWholePdf(byte[] document) {
        if (document == null || document.length == 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the document is empty");
        }
        if (indexOf(document, HEADER, 0, Math.min(document.length, WINDOW)) < 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the document is not a PDF (no %PDF- header)");
        }
        // A lenient parser would silently repair a cut-off file; signing it would seal a damaged document.
        if (indexOf(document, END, Math.max(0, document.length - WINDOW), document.length) < 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "the PDF is truncated (no %%EOF marker at its end)");
        }
    }

    static String signedName(String name) {
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? name.substring(0, name.length() - 4) : name;
        return base + "-signed.pdf";
    }

    /** The innermost message, which names the actual problem rather than the wrapper's. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
