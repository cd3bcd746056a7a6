package org.signet.hotfolder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outputs made of their originals: moved, extended in place, and put back whenever the output cannot be had. */
class OutputFilesTest {

    private static final byte[] ORIGINAL = "%PDF-1.7 the original".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNED = "%PDF-1.7 the original + a signed revision".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path base;
    private Path in;
    private Path out;

    @BeforeEach
    void folders() throws IOException {
        in = Files.createDirectories(base.resolve("in/batch"));
        out = Files.createDirectories(base.resolve("out/batch"));
    }

    @Test
    void anOutputThatExtendsItsOriginalIsTheOriginalMovedAndExtended() throws Exception {
        Path original = Files.write(in.resolve("a.pdf"), ORIGINAL);
        Object inode = Files.getAttribute(original, "unix:ino");
        Path target = out.resolve("a.pdf");

        OutputFiles.Written written = OutputFiles.linkAllNew(out, List.of(OutputFiles.NewFile.extending(target, SIGNED, original,
                ORIGINAL)), Runnable::run);

        assertTrue(written.failed().isEmpty(), written.failed().toString());
        assertArrayEquals(SIGNED, Files.readAllBytes(target));
        assertEquals(inode, Files.getAttribute(target, "unix:ino"), "the output is a new file, not the original");
        assertFalse(Files.exists(original), "the original is still in the batch folder");
        assertEquals(List.of(out.resolve(".a.pdf." + ORIGINAL.length + ".signet-moved")), written.temporaries());
        assertTrue(OutputFiles.isLinkedFromTemporary(target), "a crash now could not tell the output is Signet's");
        assertEquals(List.of("a.pdf"), MovedOriginals.movedIntoOutputs(out));

        OutputFiles.removeTemporaries(written.temporaries());
        assertEquals(List.of("a.pdf"), names(out));
    }

    @Test
    void anOriginalWithAnotherNameOrThatChangedOrThatIsNotExtendedIsCopiedAndLeftAlone() throws Exception {
        Path linked = Files.write(in.resolve("linked.pdf"), ORIGINAL);
        Path elsewhere = Files.createLink(base.resolve("archive-copy.pdf"), linked);
        Path changed = Files.write(in.resolve("changed.pdf"), SIGNED); // longer now than when it was read
        Path other = Files.write(in.resolve("other.pdf"), ORIGINAL);

        OutputFiles.Written written = OutputFiles.linkAllNew(out, List.of(
                OutputFiles.NewFile.extending(out.resolve("linked.pdf"), SIGNED, linked, ORIGINAL),
                new OutputFiles.NewFile(out.resolve("changed.pdf"), SIGNED, changed, ORIGINAL.length, false, null, true),
                OutputFiles.NewFile.extending(out.resolve("other.pdf"), "a different content".getBytes(StandardCharsets.US_ASCII),
                        other, ORIGINAL)), Runnable::run);

        assertTrue(written.failed().isEmpty(), written.failed().toString());
        assertArrayEquals(ORIGINAL, Files.readAllBytes(elsewhere), "appending changed the file's other name");
        assertArrayEquals(ORIGINAL, Files.readAllBytes(linked));
        assertArrayEquals(SIGNED, Files.readAllBytes(changed), "a file changed after it was read was not put back as it is");
        assertArrayEquals(ORIGINAL, Files.readAllBytes(other));
        assertArrayEquals(SIGNED, Files.readAllBytes(out.resolve("linked.pdf")));
        assertArrayEquals(SIGNED, Files.readAllBytes(out.resolve("changed.pdf")));
        assertTrue(written.temporaries().stream().allMatch(p -> p.getFileName().toString().endsWith(".signet-part")), written.toString());
    }

    /**
     * A file too large to hold: its output is the file as it was read followed by the new bytes; made of the file itself,
     * or, where the root keeps its originals, copied from it and checked against the SHA-256 taken when it was read: a
     * file changed since, even at its length, gets no output and is left as it is.
     */
    @Test
    void anOriginalTooLargeToHoldIsFollowedByItsNewBytesMovedOrCopiedAndChecked() throws Exception {
        byte[] revision = " + a signed revision".getBytes(StandardCharsets.US_ASCII);
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(ORIGINAL);
        Path moved = Files.write(in.resolve("moved.pdf"), ORIGINAL);
        Path kept = Files.write(in.resolve("kept.pdf"), ORIGINAL);
        Path changed = Files.write(in.resolve("changed.pdf"), "%PDF-1.7 the ORIGINAL".getBytes(StandardCharsets.US_ASCII));

        OutputFiles.Written written = OutputFiles.linkAllNew(out, List.of(
                OutputFiles.NewFile.following(out.resolve("moved.pdf"), moved, ORIGINAL.length, sha256, revision, true),
                OutputFiles.NewFile.following(out.resolve("kept.pdf"), kept, ORIGINAL.length, sha256, revision, false),
                OutputFiles.NewFile.following(out.resolve("changed.pdf"), changed, ORIGINAL.length, sha256, revision, false)), Runnable::run);

        assertEquals(Set.of(out.resolve("changed.pdf")), written.failed().keySet());
        assertTrue(written.failed().get(out.resolve("changed.pdf")).getMessage().contains("changed after it was read"), written.failed().toString());
        byte[] signed = (new String(ORIGINAL, StandardCharsets.US_ASCII) + new String(revision, StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(signed, Files.readAllBytes(out.resolve("moved.pdf")));
        assertFalse(Files.exists(moved), "the original was copied rather than made the output");
        assertArrayEquals(signed, Files.readAllBytes(out.resolve("kept.pdf")));
        assertArrayEquals(ORIGINAL, Files.readAllBytes(kept), "a kept original changed");
        assertEquals("%PDF-1.7 the ORIGINAL", Files.readString(changed));
        OutputFiles.removeTemporaries(written.temporaries());
        assertEquals(List.of("kept.pdf", "moved.pdf"), names(out));
    }

    @Test
    void anOutputNameThatIsTakenPutsTheOriginalBackAsItWas() throws Exception {
        Path original = Files.write(in.resolve("a.pdf"), ORIGINAL);
        Files.writeString(out.resolve("a.pdf"), "somebody else's");

        OutputFiles.Written written = OutputFiles.linkAllNew(out, List.of(OutputFiles.NewFile.extending(out.resolve("a.pdf"),
                SIGNED, original, ORIGINAL)), Runnable::run);

        assertTrue(written.failed().containsKey(out.resolve("a.pdf")));
        assertArrayEquals(ORIGINAL, Files.readAllBytes(original));
        assertEquals("somebody else's", Files.readString(out.resolve("a.pdf")));
        assertEquals(List.of("a.pdf"), names(out), "a temporary name was left");
    }

    @Test
    void afterACrashOriginalsCaughtHalfWayGoBackCutToTheirLengthAndNamedOutputsAreKnown() throws Exception {
        // Caught while its revision was being appended: moved, half extended, not named.
        Files.write(out.resolve(".half.pdf." + ORIGINAL.length + ".signet-moved"), "%PDF-1.7 the original + a sig".getBytes(
                StandardCharsets.US_ASCII));
        // Caught after its name was given, before it was recorded.
        Path named = Files.write(out.resolve(".named.pdf." + ORIGINAL.length + ".signet-moved"), SIGNED);
        Files.createLink(out.resolve("named.pdf"), named);
        // Caught half-way, but its name in the batch folder is taken again: it must stay, not be lost.
        Path stuck = Files.write(out.resolve(".again.pdf." + ORIGINAL.length + ".signet-moved"), SIGNED);
        Files.writeString(in.resolve("again.pdf"), "dropped again");

        MovedOriginals.Restored restored = MovedOriginals.restoreMovedOriginals(out, in);

        assertEquals(1, restored.putBack());
        assertArrayEquals(ORIGINAL, Files.readAllBytes(in.resolve("half.pdf")));
        assertEquals(List.of(stuck), List.copyOf(restored.kept().keySet()));
        assertTrue(restored.kept().get(stuck).getMessage().contains("kept as " + stuck), restored.kept().toString());
        assertArrayEquals(SIGNED, Files.readAllBytes(stuck));
        assertEquals(List.of("named.pdf"), MovedOriginals.movedIntoOutputs(out));
        assertTrue(OutputFiles.isLinkedFromTemporary(out.resolve("named.pdf")));

        OutputFiles.removeLeftovers(out);
        assertEquals(List.of(".again.pdf." + ORIGINAL.length + ".signet-moved", "named.pdf"), names(out),
                "a leftover stayed, or an original that is no output went");
    }

    /**
     * Someone who may write into the outgoing folder plants links under the names Signet is about to use: a
     * temporary name, a report's name, a moved original's name, a batch's folder. Nothing outside is written, cut or
     * reached; what cannot be written without following a link is refused.
     */
    @Test
    void plantedLinksAreNeitherFollowedNorReplaced() throws Exception {
        Path outside = Files.write(base.resolve("outside.txt"), ORIGINAL);
        Path outsideFolder = Files.createDirectories(base.resolve("outside-folder"));

        Files.createSymbolicLink(out.resolve(".report.csv" + HotFolderNames.PART), outside);
        OutputFiles.write(out.resolve("report.csv"), SIGNED);
        assertArrayEquals(SIGNED, Files.readAllBytes(out.resolve("report.csv")));

        Files.createSymbolicLink(out.resolve("READY"), outside);
        IOException ready = assertThrows(IOException.class, () -> OutputFiles.write(out.resolve("READY"), SIGNED));
        assertTrue(ready.getMessage().contains("not a plain file"), ready.getMessage());

        Files.createSymbolicLink(out.resolve(".x.pdf.5" + HotFolderNames.MOVED), outside);
        MovedOriginals.Restored restored = MovedOriginals.restoreMovedOriginals(out, in);
        assertEquals(0, restored.putBack());
        assertFalse(Files.exists(in.resolve("x.pdf")));

        Files.createSymbolicLink(out.resolve(".new.pdf" + HotFolderNames.PART), outside);
        OutputFiles.writeNew(out.resolve("new.pdf"), SIGNED);
        assertArrayEquals(SIGNED, Files.readAllBytes(out.resolve("new.pdf")));

        Files.createSymbolicLink(base.resolve("out/linked"), outsideFolder);
        IOException folder = assertThrows(IOException.class, () -> HotFolderNames.plainFolder(base.resolve("out"), "linked"));
        assertTrue(folder.getMessage().contains("not a plain folder"), folder.getMessage());
        assertEquals(base.resolve("out/made"), HotFolderNames.plainFolder(base.resolve("out"), "made"));
        assertEquals(base.resolve("out/made"), HotFolderNames.plainFolder(base.resolve("out"), "made"));

        assertArrayEquals(ORIGINAL, Files.readAllBytes(outside), "a file outside the hot folder was written or cut");
        assertEquals(List.of(), names(outsideFolder));
    }

    @Test
    void signetsTemporaryNamesAreNoNamesAProducerMayUse() {
        assertFalse(HotFolderNames.isSafeName("a.pdf.12.signet-moved"));
        assertFalse(HotFolderNames.isSafeName("a.pdf.signet-part"));
        assertTrue(HotFolderNames.isSafeName("a.pdf"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
