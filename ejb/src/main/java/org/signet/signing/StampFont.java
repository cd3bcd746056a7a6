package org.signet.signing;

import eu.europa.esig.dss.pades.DSSFileFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The stamp's font (the PT Serif DSS ships), parsed once and lent to one stamp at a time, with the widths and glyphs
 * it has measured: parsing the 200 KB font and measuring every line at every tried size cost a third of a stamped
 * signature. Not shared between threads while lent: PDFBox's font objects read and cache without locks.
 */
final class StampFont {

    /** Idle fonts kept; more stamps at once parse more, and those are dropped after use. */
    private static final int KEPT = 8;
    private static final Queue<StampFont> IDLE = new ConcurrentLinkedQueue<>();
    private static volatile byte[] file;

    private final TrueTypeFont parsed;
    /** For measuring only: lives in a scratch document that is never written. */
    private final PDFont metrics;
    private final Map<Integer, Float> widths = new HashMap<>();
    private final Map<Integer, Boolean> glyphs = new HashMap<>();

    private StampFont() throws IOException {
        // Parsed from a buffer, the font's data outlives PDFBox's close() after subsetting, so it can be lent again.
        parsed = new TTFParser().parse(new RandomAccessReadBuffer(file()));
        metrics = PDType0Font.load(new PDDocument(), parsed, true);
    }

    static StampFont borrow() throws IOException {
        StampFont idle = IDLE.poll();
        return idle != null ? idle : new StampFont();
    }

    /** Back to the idle ones; only after every document that embedded it is written. */
    void giveBack() {
        if (IDLE.size() < KEPT) {
            IDLE.offer(this);
        }
    }

    /** The font for drawing in {@code document}, embedded as a subset of the glyphs drawn when the document is saved. */
    PDFont embedIn(PDDocument document) throws IOException {
        return PDType0Font.load(document, parsed, true);
    }

    PDFont metrics() {
        return metrics;
    }

    /** The width of {@code text} at {@code size} points: the sum of its glyphs' advances, as PDFBox measures strings. */
    float width(String text, float size) {
        float thousandths = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            thousandths += widths.computeIfAbsent(c, this::measure);
        }
        return thousandths / 1000 * size;
    }

    /** Whether the font can draw the character. */
    boolean draws(int codePoint) {
        return glyphs.computeIfAbsent(codePoint, c -> {
            try {
                metrics.encode(Character.toString(c));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        });
    }

    private float measure(int codePoint) {
        try {
            return metrics.getStringWidth(Character.toString(codePoint));
        } catch (IOException | IllegalArgumentException e) {
            return 0; // not drawn: printable text holds only what the font draws
        }
    }

    private static byte[] file() throws IOException {
        byte[] known = file;
        if (known == null) {
            try (InputStream in = DSSFileFont.initializeDefault().getInputStream()) {
                known = in.readAllBytes();
            }
            file = known;
        }
        return known;
    }
}
