package org.signet.intake;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.signet.document.DocumentSpool;
import org.signet.document.SpooledDocument;
import org.signet.model.SignetException;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where a large request body waits on disk until it has arrived whole, so that a slow or stalled upload holds
 * neither heap nor one of the few permits to parse a large body in memory. Each body is encrypted with a key that
 * exists only in memory for that request (AES-CTR): a document never lies on disk readable, even after a crash,
 * and the file is deleted when the request ends. A body is taken only while the disk keeps {@link #reserve} free
 * beyond it, so that uploads cannot fill the disk the server's database and archive live on.
 */
final class BodySpool {

    private static final Logger LOG = Logger.getLogger(BodySpool.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final long reserve;

    private BodySpool(Path directory, long reserve) {
        this.directory = directory;
        this.reserve = reserve;
    }

    /**
     * The spool in {@code directory}, made readable by the server alone; what an earlier run left there (a crash
     * while a body arrived) is deleted, since no key to read it survived.
     */
    static BodySpool in(Path directory, long reserve) {
        try {
            if (Files.isSymbolicLink(directory)) {
                throw new IllegalStateException("the request spool " + directory + " is a link; remove it");
            }
            Files.createDirectories(directory);
            if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
            try (DirectoryStream<Path> left = Files.newDirectoryStream(directory, "*.spool")) {
                for (Path file : left) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the request spool " + directory + " cannot be prepared", e);
        }
        return new BodySpool(directory, reserve);
    }

    Path directory() {
        return directory;
    }

    /** Whether a body of this many bytes fits on the spool's disk with the reserve left free. */
    boolean hasRoomFor(long bytes) {
        try {
            FileStore store = Files.getFileStore(directory);
            return store.getUsableSpace() - bytes >= reserve;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "the free space of the request spool " + directory + " cannot be read", e);
            return false;
        }
    }

    /**
     * The body, read to its end into an encrypted file. Over {@code limit} bytes it stops with an IOException whose
     * cause is a {@link SignetException} of kind DOCUMENT_TOO_LARGE; on any failure nothing is left on disk. With
     * {@code digested}, the body's SHA-256 is taken on the way ({@link Body#sha256}): a document signed where it waits
     * then need not be read once more for it.
     */
    Body take(InputStream in, long limit, String property, boolean digested) throws IOException {
        Body body = new Body(Files.createTempFile(directory, "body-", ".spool"));
        try (OutputStream out = Files.newOutputStream(body.file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            Cipher cipher = body.cipher(Cipher.ENCRYPT_MODE);
            MessageDigest sha256 = digested ? MessageDigest.getInstance("SHA-256") : null;
            byte[] buffer = new byte[64 * 1024];
            byte[] sealed = new byte[buffer.length];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                body.length += n;
                if (body.length > limit) {
                    String message = "the request body is larger than the limit of " + limit + " bytes (" + property + ")";
                    throw new IOException(message, new SignetException(SignetException.Kind.DOCUMENT_TOO_LARGE, message));
                }
                if (sha256 != null) {
                    sha256.update(buffer, 0, n);
                }
                out.write(sealed, 0, cipher.update(buffer, 0, n, sealed));
            }
            body.sha256 = sha256;
            return body;
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        } catch (GeneralSecurityException e) {
            body.close();
            throw new IllegalStateException("AES-CTR is not available to spool a request body", e);
        }
    }

    /**
     * The spool as one request sees it: what the request's face takes ({@link #take}) is deleted when the request
     * ends ({@link #close}), after its answer has been written. {@code expected} is the room asked for on disk.
     */
    ForRequest forRequest(long expected) {
        return new ForRequest(expected);
    }

    final class ForRequest implements DocumentSpool, AutoCloseable {
        private final long expected;
        private final List<Body> taken = new ArrayList<>();

        private ForRequest(long expected) {
            this.expected = expected;
        }

        @Override
        public SpooledDocument take(InputStream in, long limit, String property) {
            if (!hasRoomFor(expected)) {
                throw new SignetException(SignetException.Kind.SERVER_BUSY, "the server's disk has no room to take a document of up to "
                        + expected + " bytes and keep " + reserve + " bytes free; try again later");
            }
            try {
                Body body = BodySpool.this.take(in, limit, property, true);
                taken.add(body);
                return body;
            } catch (IOException e) {
                if (e.getCause() instanceof SignetException refusal) {
                    throw refusal;
                }
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "the document could not be read: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            taken.forEach(Body::close);
            taken.clear();
        }
    }

    /**
     * A body on disk: read back as often as asked while the request lasts, whole or (CTR mode decrypts any block on
     * its own) in pieces; closing deletes it.
     */
    static final class Body implements AutoCloseable, SpooledDocument {

        private final Path file;
        private final byte[] key = new byte[32];
        private final byte[] iv = new byte[16];
        private long length;
        private MessageDigest sha256;

        private Body(Path file) {
            this.file = file;
            RANDOM.nextBytes(key);
            RANDOM.nextBytes(iv);
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public MessageDigest sha256() {
            try {
                return sha256 == null ? null : (MessageDigest) sha256.clone();
            } catch (CloneNotSupportedException e) {
                return null; // read once more instead
            }
        }

        private Cipher cipher(int mode) throws GeneralSecurityException {
            return cipher(mode, iv);
        }

        private Cipher cipher(int mode, byte[] counter) throws GeneralSecurityException {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
            return cipher;
        }

        @Override
        public byte[] read(long offset, int count) throws IOException {
            if (offset < 0 || count < 0 || offset + count > length) {
                throw new IOException(count + " bytes at " + offset + " are outside the spooled body of " + length + " bytes");
            }
            int skip = (int) (offset % 16);
            byte[] data = new byte[skip + count];
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer into = ByteBuffer.wrap(data, skip, count);
                for (long at = offset; into.hasRemaining(); ) {
                    int n = channel.read(into, at);
                    if (n < 0) {
                        throw new IOException("the spooled body ends before " + (offset + count));
                    }
                    at += n;
                }
            }
            try {
                // the counter of the block holding offset: the first counter plus the block's number, modulo 2^128
                BigInteger block = new BigInteger(1, iv).add(BigInteger.valueOf(offset / 16));
                byte[] counter = new byte[16];
                byte[] value = block.toByteArray();
                int copied = Math.min(16, value.length);
                System.arraycopy(value, value.length - copied, counter, 16 - copied, copied);
                cipher(Cipher.DECRYPT_MODE, counter).update(data, 0, data.length, data, 0);
            } catch (GeneralSecurityException e) {
                throw new IOException("a spooled request body cannot be decrypted", e);
            }
            return skip == 0 ? data : Arrays.copyOfRange(data, skip, data.length);
        }

        /** The body as the client sent it. */
        @Override
        public ServletInputStream open() throws IOException {
            InputStream in = new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), 64 * 1024);
            try {
                return new Replay(in, cipher(Cipher.DECRYPT_MODE));
            } catch (GeneralSecurityException e) {
                in.close();
                throw new IllegalStateException("AES-CTR is not available to read a spooled request body", e);
            }
        }

        @Override
        public void close() {
            Arrays.fill(key, (byte) 0);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "a spooled request body could not be deleted: " + file, e);
            }
        }
    }

    private static final class Replay extends ServletInputStream {

        private final InputStream in;
        private final Cipher cipher;
        private final byte[] one = new byte[1];
        private boolean finished;

        Replay(InputStream in, Cipher cipher) {
            this.in = in;
            this.cipher = cipher;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                finished = true;
                return n;
            }
            try {
                // CTR keeps nothing back: every byte read comes out at once, decrypted in place
                cipher.update(buffer, offset, n, buffer, offset);
            } catch (GeneralSecurityException e) {
                throw new IOException("a spooled request body cannot be decrypted", e);
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            // the whole body is here: it can be read at once, without waiting for the network
            try {
                listener.onDataAvailable();
            } catch (IOException e) {
                listener.onError(e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
