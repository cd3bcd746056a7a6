package org.signet.client;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The QR code `signet authenticator enrol` draws on a terminal reads back, as a phone's camera would, to the URI. */
class TerminalQrTest {

    private static final int PIXELS = 4;

    @Test
    void theHalfBlocksReadBackToTheUri() throws Exception {
        String uri = "otpauth://totp/Signet%3Aclerk?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Signet&digits=6&period=30";
        assertEquals(uri, read(AuthenticatorCommand.terminalQr(uri)));
    }

    /** Each character is two modules, top and bottom; a block's glyph is light (a terminal's text on a dark ground). */
    private static String read(String drawn) throws Exception {
        List<String> lines = drawn.lines().toList();
        int width = lines.get(0).length() * PIXELS;
        int height = lines.size() * 2 * PIXELS;
        int[] pixels = new int[width * height];
        for (int row = 0; row < lines.size(); row++) {
            String line = lines.get(row);
            for (int column = 0; column < line.length(); column++) {
                char c = line.charAt(column);
                boolean topLight = c == '\u2588' || c == '\u2580';
                boolean bottomLight = c == '\u2588' || c == '\u2584';
                for (int dy = 0; dy < 2 * PIXELS; dy++) {
                    boolean light = dy < PIXELS ? topLight : bottomLight;
                    for (int dx = 0; dx < PIXELS; dx++) {
                        pixels[(row * 2 * PIXELS + dy) * width + column * PIXELS + dx] = light ? 0xFFFFFF : 0x000000;
                    }
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
