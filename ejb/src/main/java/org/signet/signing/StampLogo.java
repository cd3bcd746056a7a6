package org.signet.signing;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.multipdf.PDFCloneUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.signet.document.Documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stamp's logo as PDFBox encodes it into a PDF, prepared once per image: PDFBox decodes and re-compresses a PNG
 * for every document it is put in (twice per stamp as DSS drives the drawer), which cost more than the rest of the
 * stamp. Each document gets a copy of the encoded image, so no PDF object is shared between documents or threads.
 */
final class StampLogo {

    /** Logos kept, least recently used dropped: a server has a few seals with a logo each. */
    private static final int KEPT = 16;
    private static final Map<String, StampLogo> PREPARED = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StampLogo> eldest) {
            return size() > KEPT;
        }
    };
    private static final String NAME = "Logo";

    private final String colorSpace;
    /** A one-page PDF whose page resources hold the encoded image under {@link #NAME}. */
    private final byte[] holder;

    private StampLogo(String colorSpace, byte[] holder) {
        this.colorSpace = colorSpace;
        this.holder = holder;
    }

    static StampLogo of(byte[] image) throws IOException {
        String key = Documents.sha256Hex(image);
        synchronized (PREPARED) {
            StampLogo known = PREPARED.get(key);
            if (known != null) {
                return known;
            }
        }
        StampLogo prepared = prepare(image);
        synchronized (PREPARED) {
            PREPARED.put(key, prepared);
        }
        return prepared;
    }

    /** The colour space DSS declares an output intent for in a document without one. */
    String colorSpace() {
        return colorSpace;
    }

    /** A copy of the encoded image belonging to {@code document}. */
    PDImageXObject in(PDDocument document) throws IOException {
        try (PDDocument source = Loader.loadPDF(holder)) {
            PDXObject image = source.getPage(0).getResources().getXObject(COSName.getPDFName(NAME));
            COSStream copy = new Copier(document).cloneForNewDocument(image.getCOSObject());
            return new PDImageXObject(new PDStream(copy), null);
        }
    }

    private static StampLogo prepare(byte[] image) throws IOException {
        try (PDDocument scratch = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDImageXObject encoded = PDImageXObject.createFromByteArray(scratch, image, "logo");
            PDPage page = new PDPage();
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName(NAME), encoded);
            page.setResources(resources);
            scratch.addPage(page);
            scratch.save(out);
            return new StampLogo(encoded.getColorSpace().getName(), out.toByteArray());
        }
    }

    /** PDFBox's own deep copy between documents (raw stream bytes, filters kept); its constructor is protected. */
    private static final class Copier extends PDFCloneUtility {
        Copier(PDDocument destination) {
            super(destination);
        }
    }
}
