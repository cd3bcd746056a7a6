package org.signet.hotfolder;

import org.signet.document.SpooledDocument;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A batch's file larger than Signet holds in memory, signed where it lies: read in pieces as the signer needs them, and
 * from its start as a stream, never beyond the length it had when it was read (links are not followed).
 */
final class LargeInput implements SpooledDocument {

    private final Path file;
    private final long length;

    LargeInput(Path file, long length) {
        this.file = file;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public byte[] read(long offset, int count) throws IOException {
        if (offset < 0 || count < 0 || offset > length - count) {
            throw new IOException("bytes " + offset + " to " + (offset + count) + " lie outside " + file + " (" + length + " bytes)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer bytes = ByteBuffer.allocate(count);
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, offset + bytes.position()) < 0) {
                    throw new IOException(file + " became shorter while it was signed");
                }
            }
            return bytes.array();
        }
    }

    @Override
    public InputStream open() throws IOException {
        InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new IOException(file + " became shorter while it was signed");
                }
                left--;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                if (left <= 0) {
                    return count == 0 ? 0 : -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(count, left));
                if (n < 0) {
                    throw new IOException(file + " became shorter while it was signed");
                }
                left -= n;
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
