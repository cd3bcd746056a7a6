package org.signet.security;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe's side of an anonymous bind; DirectoryIT asks a real directory. */
class DirectoryProbeTest {

    /** A BindResponse to message 1 with this result code, as RFC 4511 writes it (no matched DN, no message). */
    private static byte[] bindResponse(int resultCode) {
        return new byte[]{0x30, 0x0c, 0x02, 0x01, 0x01, 0x61, 0x07, 0x0a, 0x01, (byte) resultCode, 0x04, 0x00, 0x04, 0x00};
    }

    @Test
    void theResultCodeOfABindResponseIsRead() throws IOException {
        assertEquals(0, DirectoryProbe.bindResult(new ByteArrayInputStream(bindResponse(0))));
        assertEquals(48, DirectoryProbe.bindResult(new ByteArrayInputStream(bindResponse(48))), "inappropriateAuthentication");
        assertThrows(IOException.class, () -> DirectoryProbe.bindResult(new ByteArrayInputStream(new byte[0])));
        assertThrows(IOException.class, () -> DirectoryProbe.bindResult(new ByteArrayInputStream("HTTP/1.1 400 Bad Request\r\n".getBytes())));
        byte[] otherMessage = bindResponse(0);
        otherMessage[4] = 2;
        assertThrows(IOException.class, () -> DirectoryProbe.bindResult(new ByteArrayInputStream(otherMessage)));
        byte[] huge = {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(IOException.class, () -> DirectoryProbe.bindResult(new ByteArrayInputStream(huge)), "no 2 GB answer is awaited");
    }

    @Test
    void aServerThatAnswersTheBindAnswersAndOneThatDoesNotDoesNot() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            byte[][] request = new byte[1][];
            Thread directory = new Thread(() -> {
                try (Socket client = server.accept()) {
                    InputStream in = client.getInputStream();
                    request[0] = in.readNBytes(14);
                    client.getOutputStream().write(bindResponse(0));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            directory.start();
            DirectoryProbe.Status status = DirectoryProbe.probe("ldap://127.0.0.1:" + server.getLocalPort(), "ou=people", 3_000);
            directory.join();
            assertTrue(status.answering(), status.problem());
            assertNull(status.problem());
            assertArrayEquals(new byte[]{0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00, (byte) 0x80, 0x00}, request[0],
                    "an anonymous simple bind, version 3: " + Arrays.toString(request[0]));
        }
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        DirectoryProbe.Status silent = DirectoryProbe.probe("ldap://127.0.0.1:" + closed, "ou=people", 3_000);
        assertFalse(silent.answering());
        assertTrue(silent.problem().contains("ConnectException"), silent.problem());
        assertFalse(DirectoryProbe.probe("http://127.0.0.1/", "ou=people", 3_000).answering());
    }
}
