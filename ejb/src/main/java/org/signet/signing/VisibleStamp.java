package org.signet.signing;

import org.signet.model.SignetException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The stamp a reader sees on the page: an optional logo and text lines from a {@link StampText} template, on a
 * page at a rectangle, or in the signature field the request names. Coordinates are PDF points from the top-left
 * corner of the page as it is displayed (after its /Rotate), the same frame the PDF analysis reports fields in.
 *
 * @param rectangle null: the field's own rectangle when signing into a field, else {@link #DEFAULT_RECTANGLE} at
 *                  the bottom left of the page
 */
public record VisibleStamp(int page, Rectangle rectangle, byte[] image, String text) {

    /** Big enough for a logo; the image is embedded in every signed copy. */
    static final int MAX_IMAGE_BYTES = 1 << 20;
    /** Refuses decompression bombs before the image is decoded: a 4000 × 4000 logo is already absurd. */
    static final long MAX_IMAGE_PIXELS = 16_000_000L;
    static final int MAX_TEXT_CHARACTERS = 2_000;
    static final float DEFAULT_WIDTH = 240;
    static final float DEFAULT_HEIGHT = 70;
    /** The margin of the default place, half an inch, from the left and bottom edges. */
    static final float DEFAULT_MARGIN = 36;

    public record Rectangle(float x, float y, float width, float height) {

        /** "x,y,width,height" in points. */
        static Rectangle parse(String text) {
            String[] parts = text.split(",");
            if (parts.length != 4) {
                throw invalid("the stamp rectangle '" + text + "' is not x,y,width,height in points");
            }
            float[] v = new float[4];
            for (int i = 0; i < 4; i++) {
                try {
                    v[i] = Float.parseFloat(parts[i].strip());
                } catch (NumberFormatException e) {
                    throw invalid("the stamp rectangle '" + text + "' is not x,y,width,height in points");
                }
                if (!Float.isFinite(v[i])) {
                    throw invalid("the stamp rectangle '" + text + "' is not x,y,width,height in points");
                }
            }
            if (v[0] < 0 || v[1] < 0 || v[2] <= 0 || v[3] <= 0) {
                throw invalid("the stamp rectangle '" + text + "' needs x, y ≥ 0 and a width and height > 0");
            }
            return new Rectangle(v[0], v[1], v[2], v[3]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f,%.1f,%.1f,%.1f", x, y, width, height);
        }
    }

    public VisibleStamp {
        if (page < 1) {
            throw invalid("the stamp page must be 1 or more, not " + page);
        }
        if (text != null && text.length() > MAX_TEXT_CHARACTERS) {
            throw invalid("the stamp text has " + text.length() + " characters; at most " + MAX_TEXT_CHARACTERS + " are allowed");
        }
        if (image != null) {
            requireImage(image);
        }
    }

    /**
     * What a face received, as text; null when nothing asks for a stamp. Any of page, rectangle, image or text
     * asks for one, as does {@code visible=true}.
     */
    public static VisibleStamp of(Boolean visible, String page, String rectangle, byte[] image, String text) {
        boolean asked = Boolean.TRUE.equals(visible) || notBlank(page) || notBlank(rectangle)
                || (image != null && image.length > 0) || notBlank(text);
        if (!asked) {
            return null;
        }
        int pageNumber = 1;
        if (notBlank(page)) {
            try {
                pageNumber = Integer.parseInt(page.strip());
            } catch (NumberFormatException e) {
                throw invalid("the stamp page '" + page + "' is not a page number");
            }
        }
        return new VisibleStamp(pageNumber, notBlank(rectangle) ? Rectangle.parse(rectangle) : null,
                image == null || image.length == 0 ? null : image, notBlank(text) ? text : null);
    }

    /** PNG or JPEG, small enough, read only as far as its header before anything decodes it. */
    private static void requireImage(byte[] image) {
        if (image.length > MAX_IMAGE_BYTES) {
            throw invalid("the stamp image has " + image.length + " bytes; at most " + MAX_IMAGE_BYTES + " are allowed");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw invalid("the stamp image is not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("png") && !format.equals("jpeg")) {
                    throw invalid("the stamp image is " + format + "; PNG and JPEG are accepted");
                }
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_IMAGE_PIXELS) {
                    throw invalid("the stamp image has " + reader.getWidth(0) + " × " + reader.getHeight(0)
                            + " pixels; at most " + MAX_IMAGE_PIXELS + " pixels are allowed");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw invalid("the stamp image cannot be read: " + e.getMessage());
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static SignetException invalid(String message) {
        return new SignetException(SignetException.Kind.INVALID_INPUT, message);
    }
}
