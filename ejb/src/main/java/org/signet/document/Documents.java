package org.signet.document;

import org.signet.model.HashAlgorithm;
import org.signet.model.SignatureFormat;
import org.signet.model.SignetException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/** Reading documents from the faces within the configured limit, and naming them by digest. */
public final class Documents {

    private Documents() { }

    /** Reads at most {@code limit} bytes; refuses the document as soon as it grows past the limit. */
    /** The format a person uploading a file expects: PAdES inside a PDF, XAdES for XML, a CAdES signature for anything else. */
    public static SignatureFormat naturalFormat(byte[] content, String fileName) {
        if (PdfDocuments.hasPdfHeader(content)) {
            return SignatureFormat.PADES;
        }
        return fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".xml") ? SignatureFormat.XADES : SignatureFormat.CADES;
    }

    public static byte[] readBounded(InputStream in, long limit, String what) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > limit) {
                    throw tooLarge(what, limit);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (e.getCause() instanceof SignetException refusal) {
                throw refusal; // the request's own bound (RequestBodyLimit) was reached
            }
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "could not read " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The digest of what {@code in} delivers, made as it arrives: nothing is held but a buffer. Refused when empty or
     * longer than {@code limit} bytes.
     */
    public static byte[] digestBounded(InputStream in, HashAlgorithm algorithm, long limit, String what) {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance(algorithm.standardName());
            byte[] buffer = new byte[256 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > limit) {
                    throw new SignetException(SignetException.Kind.DOCUMENT_TOO_LARGE,
                            what + " is larger than the limit of " + limit + " bytes (signet.max-streamed-size)");
                }
                digest.update(buffer, 0, n);
            }
            if (total == 0) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, what + " is empty");
            }
            return digest.digest();
        } catch (IOException e) {
            if (e.getCause() instanceof SignetException refusal) {
                throw refusal; // the request's own bound (RequestBodyLimit) was reached
            }
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "could not read " + what + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.standardName() + " is part of every Java platform", e);
        }
    }

    /**
     * A file's bytes (a link is not followed), refused when larger than the limit: read at its size in one piece, not
     * through a growing buffer. A file that grows while it is read is read again, to its end, within the limit.
     */
    public static byte[] readFile(Path file, long limit, String what) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > limit) {
                throw tooLarge(what, limit);
            }
            byte[] bytes = new byte[(int) size];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // until full, or the end of a file that shrank meanwhile
            }
            if (buffer.hasRemaining()) {
                return Arrays.copyOf(bytes, buffer.position());
            }
            if (channel.read(ByteBuffer.allocate(1)) < 0) {
                return bytes;
            }
        }
        return readBounded(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), limit, what);
    }

    public static void requireWithinLimit(byte[] document, long limit, String what) {
        if (document != null && document.length > limit) {
            throw tooLarge(what, limit);
        }
    }

    public static void requireNotEmpty(byte[] document, String what) {
        if (document == null || document.length == 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, what + " is empty");
        }
    }

    private static SignetException tooLarge(String what, long limit) {
        return new SignetException(SignetException.Kind.DOCUMENT_TOO_LARGE,
                what + " is larger than the limit of " + limit + " bytes (signet.max-document-size)");
    }

    /**
     * Whether the file is XML as an XML reader takes it: after an optional byte-order mark and white space, '<'.
     * (RFC 6283 evidence records cover such a file by its canonical form, as EU DSS reads them.)
     */
    public static boolean looksLikeXml(byte[] data) {
        int at = data.length >= 3 && (data[0] & 0xff) == 0xef && (data[1] & 0xff) == 0xbb && (data[2] & 0xff) == 0xbf ? 3 : 0;
        while (at < data.length && (data[at] == ' ' || data[at] == '\t' || data[at] == '\r' || data[at] == '\n')) {
            at++;
        }
        return at < data.length && data[at] == '<';
    }

    public static String sha256Hex(byte[] data) {
        return data == null ? null : HexFormat.of().formatHex(sha256().digest(data));
    }

    /** A fresh SHA-256, which every JVM has. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
