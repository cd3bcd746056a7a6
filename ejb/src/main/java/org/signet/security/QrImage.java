package org.signet.security;

import io.nayuki.qrcodegen.QrCode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A QR code as a PNG, drawn here so that an enrolment page or client shows it without fetching anything (users' networks
 * are often cut off from the internet, and the secret it holds must not leave the browser for a QR service).
 */
public final class QrImage {

    private static final int MODULE_PIXELS = 6;
    private static final int QUIET_ZONE = 4;

    private QrImage() { }

    public static byte[] png(String text) {
        QrCode code = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = (code.size + 2 * QUIET_ZONE) * MODULE_PIXELS;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean dark = code.getModule(x / MODULE_PIXELS - QUIET_ZONE, y / MODULE_PIXELS - QUIET_ZONE);
                image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
