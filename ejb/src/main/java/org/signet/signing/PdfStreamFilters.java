package org.signet.signing;

import org.signet.signing.PdfObjects.Unsupported;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** The stream filters the cross-reference reader needs: Flate, and the PNG predictors cross-reference streams use. */
final class PdfStreamFilters {

    private PdfStreamFilters() { }

    /**
     * One inflater per thread, reset after each stream: making and ending one per stream cost a cleaner registration
     * each, about 1 % of a hot-folder document's CPU.
     */
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);

    /** Inflates the stream's bytes where they lie in the file, not from a copy. */
    static byte[] inflate(byte[] data, int from, int length) throws Unsupported {
        Inflater inflater = INFLATERS.get();
        try {
            inflater.setInput(data, from, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break; // a stream cut short: what came out is all there is (PDFBox is as lenient)
                }
                out.write(buffer, 0, n);
                if (out.size() > PdfObjects.MAX_DECODED) {
                    throw new Unsupported("a cross-reference or object stream inflates beyond " + PdfObjects.MAX_DECODED + " bytes");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new Unsupported("a Flate stream is broken: " + e.getMessage());
        } finally {
            inflater.reset();
        }
    }

    /** PNG prediction (one byte per pixel, as cross-reference streams use it): each row starts with its filter. */
    static byte[] pngRows(byte[] data, int columns) throws Unsupported {
        int rows = data.length / (columns + 1);
        byte[] out = new byte[rows * columns];
        for (int row = 0; row < rows; row++) {
            int type = data[row * (columns + 1)] & 0xff;
            int in = row * (columns + 1) + 1;
            int at = row * columns;
            for (int i = 0; i < columns; i++) {
                int raw = data[in + i] & 0xff;
                int left = i > 0 ? out[at + i - 1] & 0xff : 0;
                int up = row > 0 ? out[at - columns + i] & 0xff : 0;
                int upLeft = row > 0 && i > 0 ? out[at - columns + i - 1] & 0xff : 0;
                int value = switch (type) {
                    case 0 -> raw;
                    case 1 -> raw + left;
                    case 2 -> raw + up;
                    case 3 -> raw + ((left + up) >> 1);
                    case 4 -> raw + paeth(left, up, upLeft);
                    default -> throw new Unsupported("PNG row filter " + type);
                };
                out[at + i] = (byte) value;
            }
        }
        return out;
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
