package org.signet.signing;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.signet.document.PdfDocuments;
import org.signet.model.SignetException;
import org.signet.signing.PdfObjects.Name;
import org.signet.signing.PdfObjects.Ref;
import org.signet.signing.PdfObjects.Unsupported;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PDF's page tree walked as a reader walks it, from the file's own structure ({@link PdfObjects}) without parsing
 * the document: the direct writer needs its first page, and every PAdES path needs it to be a tree. Only a file that
 * walk cannot read is left to PDFBox.
 */
final class PageTree {

    /** The first page: its reference, and its dictionary as read on the way down the page tree. */
    record FirstPage(Ref ref, Map<String, Object> dictionary) { }

    /** A node met twice: a loop, or a page in two places. */
    static final class NotATree extends Unsupported {
        final boolean pageTwice;

        NotATree(Ref ref, boolean pageTwice) {
            super("the page tree meets object " + ref.number() + " twice");
            this.pageTwice = pageTwice;
        }
    }

    private PageTree() { }

    /** The first page, after a walk of the whole tree. */
    static FirstPage firstPage(PdfObjects objects, Map<String, Object> catalog) throws Unsupported {
        Set<Ref> seen = new HashSet<>();
        List<Object> toVisit = new ArrayList<>(); // a stack that holds the nulls of a damaged file
        toVisit.add(catalog.get("Pages"));
        FirstPage first = null;
        while (!toVisit.isEmpty()) {
            if (!(toVisit.remove(toVisit.size() - 1) instanceof Ref ref)) {
                throw new Unsupported("a page tree node is not an indirect object");
            }
            if (!seen.add(ref)) {
                throw new NotATree(ref, new Name("/Page").equals(objects.dictionary(ref, "a page tree node").get("Type")));
            }
            if (seen.size() > PdfDocuments.MAX_PAGE_TREE_NODES) {
                throw new Unsupported("the page tree is too large");
            }
            Map<String, Object> dictionary = objects.dictionary(ref, "a page tree node");
            Object type = dictionary.get("Type");
            if (new Name("/Page").equals(type)) {
                if (first == null) {
                    first = new FirstPage(ref, dictionary);
                }
                continue;
            }
            if (!new Name("/Pages").equals(type)) {
                throw new Unsupported("a page tree node of type " + type);
            }
            List<Object> kids = objects.array(dictionary.get("Kids"), "/Kids");
            for (int i = kids.size() - 1; i >= 0; i--) {
                toVisit.add(kids.get(i)); // in order: the first kid is visited first
            }
        }
        if (first == null) {
            throw new Unsupported("a page tree without pages");
        }
        return first;
    }

    /** Refuses a PDF whose page tree is not a tree; PDFBox reads the files the walk cannot. */
    static void requireTree(byte[] pdf, String name) {
        try {
            PdfObjects objects = PdfObjects.read(pdf);
            if (objects.trailer().get("Root") instanceof Ref root) {
                firstPage(objects, objects.dictionary(root, "the catalog"));
                return;
            }
        } catch (NotATree e) {
            throw PdfDocuments.notATree(name, e.pageTwice);
        } catch (Unsupported | RuntimeException e) {
            // read by PDFBox below
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PdfDocuments.requireSoundPageTree(document, name);
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "'" + name + "' is not a PDF that can be signed: " + PdfDocuments.reason(e), e);
        }
    }
}
